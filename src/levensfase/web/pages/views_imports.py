"""The import page (hr_admin only): upload → dry-run report → confirm → result; undo of the last import.

Nothing is written before confirm; a report with problems has no confirm button and a confirm
POST for it is refused again server-side, as is one that removes rows without the typed number
of rows removed, or that clashes with app data without the user agreeing to skip those rows.
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
from levensfase.web.hr.refusal import ImportRefused
from levensfase.web.hr.undo import undo_last, undoable
from levensfase.web.mappings.hints import dutch_export_hint
from levensfase.web.pages import import_preview, imports, selectors
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
                name=file.name, chunks=file.chunks(), mapping=form.cleaned_data["mapping"], user=request.user,
                mode=form.cleaned_data["mode"] or "update",
            )
        except imports.UploadRefused as refusal:
            form.add_error("file", str(refusal))
        else:
            return redirect("import_report", token=saved.token)
    last = undoable()
    return render(request, "pages/import_upload.html", {"form": form, "imports": selectors.recent_imports(limit=10),
                                                        "undoable": last.pk if last else None})


def _context(result: imports.ImportCheck, *, error: str | None = None) -> dict:
    language = _language()
    context = {"check": result, "language": language, "error": error}
    if result.summary is not None:
        context.update(words=import_preview.describe(result.summary, language),
                       tables=import_preview.table_rows(result.summary, language),
                       conflicts=import_preview.conflict_rows(result.summary, language))
    return context


@login_required
def report(request: HttpRequest, token: str) -> HttpResponse:
    _only_importers(request)
    upload = _upload_or_404(request, token)
    result = imports.check(upload=upload, language=_language())
    hint = dutch_export_hint(upload=upload, failed=bool(result.problems or result.refused))
    return render(request, "pages/import_report.html", {**_context(result), "hint": hint})


def _unconfirmed(request: HttpRequest, checked: imports.ImportCheck) -> str | None:
    """Why the confirm POST lacks what the check asked for (typed count, consent to skip), or None."""
    if not checked.can_confirm:
        return _("This file cannot be imported; see the check.")
    if checked.removed and request.POST.get("removed", "").strip().replace(".", "") != str(checked.removed):
        return _("Type the number of rows that will be removed (%(n)s) to confirm.") % {
            "n": import_preview.number(checked.removed, _language())}
    if checked.conflicts and request.POST.get("skip_conflicts") != "yes":
        return _("Confirm that the file rows that clash with data entered in the app are skipped.")
    return None


@login_required
@require_POST
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    _only_importers(request)
    upload = _upload_or_404(request, token)
    checked = imports.check(upload=upload, language=_language())
    missing = _unconfirmed(request, checked)
    if missing:
        return render(request, "pages/import_report.html", _context(checked, error=missing), status=400)
    result = imports.run_import(upload=upload, user=request.user, language=_language(),
                                skip_conflicts=bool(checked.conflicts), expect_removed=checked.removed)
    if result.summary is None:
        return render(request, "pages/import_report.html", _context(result), status=400)
    record(
        user=request.user,
        action=Action.IMPORT,
        detail={
            "source": upload.source,
            "run_id": result.summary["run_id"],
            "mode": upload.mode,
            "changed": result.summary["changed"],
            "tables": {t["name"]: {k: t[k] for k in import_preview.KINDS} for t in result.summary["tables"]},
            "conflicts_skipped": {c["name"]: c["count"] for c in result.summary["conflicts"]},
        },
    )
    return render(request, "pages/import_done.html", _context(result))


@login_required
@require_POST
def undo(request: HttpRequest) -> HttpResponse:
    """Undo the last import (HR admin; audited). A refusal says why and changes nothing."""
    _only_importers(request)
    try:
        done = undo_last(user=request.user)
    except ImportRefused as refused:
        messages.error(request, refused.message_en if _language() == "en" else str(refused))
        return redirect("import")
    record(user=request.user, action=Action.IMPORT, detail={"undo_of": done.summary["undone_run"], "run_id": done.pk})
    messages.success(request, _("The last import was undone; the imported tables are as they were before it."))
    return redirect("import")


@login_required
@require_POST
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    _only_importers(request)
    imports.discard(upload=_upload_or_404(request, token))
    messages.info(request, _("The upload was discarded; nothing was imported."))
    return redirect("import")
