"""The password login form: refuses, with its own message, a correct password of a user who must
log in through single sign-on (sso_accounts.password_refused), and audits that refusal."""

from __future__ import annotations

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from levensfase.web.accounts.login_events import audit_login
from levensfase.web.accounts.sso_accounts import password_refused
from levensfase.web.audit.models import Action


class PasswordLoginForm(AuthenticationForm):
    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        if password_refused(user=user):
            audit_login(request=self.request, action=Action.PASSWORD_OFF, username=user.username, user=user)
            raise ValidationError(_("Log in with your organisation account."), code="sso_only")
