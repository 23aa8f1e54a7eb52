"""UI names of the follow-up case statuses (codes stay English in the database)."""

from django.utils.translation import gettext_lazy as _

STATUS_TEXT = {"open": _("open"), "in_progress": _("in progress"), "closed": _("closed")}
