"""Import through the API, the same three steps as the import page (web/pages/imports.py):
upload → the dry-run check (problems, or what will be added, changed, removed and which app rows
clash) → confirm. Update is the default; a snapshot that removes rows needs their number sent back
in `removed`, and clashes with app data need `skip_conflicts`, as the page asks. HR admin only,
and with a token only when its scope is `import`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from levensfase.web.accounts import access
from levensfase.web.api.auth import require_scope
from levensfase.web.api.errors import ApiError, english
from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.pages import import_preview, imports
from levensfase.web.pages.forms import UploadForm

router = Router(tags=["import"])


class CheckOut(Schema):
    token: str = Field(description="Names this upload in the next steps; valid for a day.")
    source: str
    mode: str
    can_confirm: bool
    refused: str | None
    problem_count: int
    problems: list[dict[str, Any]] = Field(description="The first problems, located (health values withheld).")
    notes: list[str]
    removed: int = Field(description="Rows the import removes: send this number as `removed` to confirm.")
    conflicts: int = Field(description="File rows that clash with data entered in the app: confirm needs skip_conflicts.")
    words: dict[str, Any] | None = Field(description="The check in sentences, as on the page.")
    summary: dict[str, Any] | None


class ConfirmIn(Schema):
    removed: int | None = Field(None, description="The number of rows to remove, as the check says (snapshot).")
    skip_conflicts: bool = Field(False, description="Skip the file rows that clash with app data.")


def _language() -> str:
    return "en" if english() else "nl"


def _importer(request: HttpRequest) -> None:
    require_scope(request, "import")
    if not access.can_import(user=request.user):
        raise ApiError(403, "Importeren is voorbehouden aan de HR-beheerder.", "Importing is for the HR administrator.")


def _upload(request: HttpRequest, token: str) -> imports.Upload:
    upload = imports.get_upload(token=token, user=request.user)
    if upload is None:
        raise ApiError(404, "Deze upload bestaat niet (meer) of is niet van u.",
                       "This upload does not exist (any more) or is not yours.")
    return upload


def _out(result: imports.ImportCheck) -> dict:
    language = _language()
    return {"token": result.upload.token, "source": result.upload.source, "mode": result.upload.mode,
            "can_confirm": result.can_confirm, "refused": result.refused, "problem_count": result.problem_count,
            "problems": result.problems, "notes": list(result.notes), "removed": result.removed,
            "conflicts": result.conflicts, "summary": result.summary,
            "words": import_preview.describe(result.summary, language) if result.summary is not None else None}


@router.post("/imports", response={201: CheckOut}, summary="Upload a file and get the dry-run check")
def upload(request: HttpRequest, file: File[UploadedFile], mode: Form[str] = "update", mapping: Form[str] = ""):
    """A ZIP of exchange-format CSVs, one .xlsx or one .csv; `mode` update (default) or snapshot;
    `mapping` a shipped or saved mapping profile. Nothing is written before confirm."""
    _importer(request)
    form = UploadForm({"mode": mode, "mapping": mapping}, MultiValueDict({"file": [file]}))
    if not form.is_valid():
        errors = [{"loc": ["form", name], "msg": str(m), "type": "value_error"}
                  for name, messages in form.errors.items() for m in messages]
        raise ApiError(422, "; ".join(e["msg"] for e in errors), "; ".join(e["msg"] for e in errors), errors=errors)
    try:
        saved = imports.save_upload(name=file.name or "upload", chunks=file.chunks(), mapping=form.cleaned_data["mapping"],
                                    user=request.user, mode=form.cleaned_data["mode"] or "update")
    except imports.UploadRefused as refusal:
        raise ApiError(422, str(refusal), str(refusal)) from refusal
    return Status(201, _out(imports.check(upload=saved, language=_language())))


@router.get("/imports/{token}", response=CheckOut, summary="The dry-run check of an upload")
def check(request: HttpRequest, token: str):
    _importer(request)
    return _out(imports.check(upload=_upload(request, token), language=_language()))


@router.post("/imports/{token}/confirm", response=CheckOut, summary="Import the checked upload")
def confirm(request: HttpRequest, token: str, body: ConfirmIn):
    _importer(request)
    upload = _upload(request, token)
    checked = imports.check(upload=upload, language=_language())
    if not checked.can_confirm:
        raise ApiError(409, "Dit bestand kan niet worden geïmporteerd; zie de controle.",
                       "This file cannot be imported; see the check.")
    if checked.removed and body.removed != checked.removed:
        raise ApiError(409, f"Stuur het aantal rijen dat verwijderd wordt ({checked.removed}) mee als `removed`.",
                       f"Send the number of rows that will be removed ({checked.removed}) as `removed`.")
    if checked.conflicts and not body.skip_conflicts:
        raise ApiError(409, "Bevestig met `skip_conflicts` dat botsende rijen worden overgeslagen.",
                       "Confirm with `skip_conflicts` that clashing rows are skipped.")
    result = imports.run_import(upload=upload, user=request.user, language=_language(),
                                skip_conflicts=bool(checked.conflicts), expect_removed=checked.removed)
    if result.summary is None:
        raise ApiError(409, result.refused or "De import is geweigerd.", result.refused or "The import was refused.")
    record(user=request.user, action=Action.IMPORT, detail={
        "source": upload.source, "run_id": result.summary["run_id"], "mode": upload.mode, "api": True,
        "changed": result.summary["changed"],
        "tables": {t["name"]: {k: t[k] for k in import_preview.KINDS} for t in result.summary["tables"]},
        "conflicts_skipped": {c["name"]: c["count"] for c in result.summary["conflicts"]},
    })
    return _out(result)


@router.delete("/imports/{token}", response={204: None}, summary="Cancel an upload")
def cancel(request: HttpRequest, token: str):
    _importer(request)
    imports.discard(upload=_upload(request, token))
    return Status(204, None)
