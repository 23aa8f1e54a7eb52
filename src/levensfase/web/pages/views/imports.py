"""The import page (hr_admin only): upload → dry-run report → confirm → result.

Nothing is written before confirm; a report with problems has no confirm button and a confirm
POST for it is refused again server-side.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levensfase.web.accounts import access
from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.mappings.hints import dutch_export_hint
from levensfase.web.pages import imports, selectors
from levensfase.web.pages.forms import UploadForm


def _language() -> str:
    return (get_language() or "nl").split("-")[0]


def _only_importers(request: HttpRequest) -> None:
    if not access.can_import(user=request.user):
        raise PermissionDenied


def _upload_or_404(request: HttpRequest, token: str) -> imports.Upload:
    upload = imports.get_upload(token=token, user=request.user)
    if upload is None:
        raise Http404
    return upload


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    _only_importers(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            saved = imports.save_upload(
                name=file.name, chunks=file.chunks(), mapping=form.cleaned_data["mapping"], user=request.user
            )
        except imports.UploadRefused as refusal:
            form.add_error("file", str(refusal))
        else:
            return redirect("import_report", token=saved.token)
    return render(request, "pages/import_upload.html", {"form": form, "imports": selectors.recent_imports(limit=10)})


@login_required
def report(request: HttpRequest, token: str) -> HttpResponse:
    _only_importers(request)
    upload = _upload_or_404(request, token)
    result = imports.check(upload=upload, language=_language())
    hint = dutch_export_hint(upload=upload, failed=bool(result.problems or result.refused))
    return render(request, "pages/import_report.html", {"check": result, "language": _language(), "hint": hint})


@login_required
@require_POST
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    _only_importers(request)
    upload = _upload_or_404(request, token)
    result = imports.run_import(upload=upload, user=request.user, language=_language())
    if result.summary is None:
        return render(request, "pages/import_report.html", {"check": result, "language": _language()}, status=400)
    record(
        user=request.user,
        action=Action.IMPORT,
        detail={
            "source": upload.source,
            "run_id": result.summary.run_id,
            "changed": result.summary.changed,
            "tables": {name: change.as_dict() for name, change in result.summary.tables.items()},
        },
    )
    return render(request, "pages/import_done.html", {"check": result})


@login_required
@require_POST
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    _only_importers(request)
    imports.discard(upload=_upload_or_404(request, token))
    messages.info(request, _("The upload was discarded; nothing was imported."))
    return redirect("import")
