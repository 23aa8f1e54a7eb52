"""The mapping builder (HR admin only): upload an export, map its columns, preview, save; and the
saved profiles: list, upload, download as TOML, delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levensfase.ingest.mapping_toml import profile_to_toml
from levensfase.web.mappings import preview, profiles
from levensfase.web.mappings.access import require_builder
from levensfase.web.mappings.builder import choices_from_post, complete_values, initial_choices, load_source, to_profile
from levensfase.web.mappings.forms import ExportForm, ProfileUploadForm
from levensfase.web.mappings.models import MappingProfile
from levensfase.web.mappings.presentation import format_options, preview_tables, sections, source_columns
from levensfase.web.pages import imports


def _language() -> str:
    return (get_language() or "nl").split("-")[0]


def _index(request: HttpRequest, *, export_form: ExportForm, profile_form: ProfileUploadForm, status: int = 200):
    return render(request, "mappings/index.html", {"export_form": export_form, "profile_form": profile_form,
                                                   "profiles": profiles.saved_profiles()}, status=status)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    require_builder(user=request.user)
    form = ExportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        if not file.name.lower().endswith((".csv", ".xlsx")):
            form.add_error("file", _("Upload one CSV file or one Excel workbook (.xlsx)."))
        else:
            try:
                upload = imports.save_upload(name=file.name, chunks=file.chunks(), mapping=None, user=request.user)
            except imports.UploadRefused as refusal:
                form.add_error("file", str(refusal))
            else:
                return redirect("mappings:build", token=upload.token)
    return _index(request, export_form=form, profile_form=ProfileUploadForm(),
                  status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def upload_profile(request: HttpRequest) -> HttpResponse:
    require_builder(user=request.user)
    form = ProfileUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            text, _profile = profiles.parse_toml(form.cleaned_data["file"].read(profiles.MAX_PROFILE_BYTES + 1))
            saved = profiles.save_profile(name=form.cleaned_data["name"], toml=text, user=request.user)
        except profiles.ProfileRefused as refusal:
            form.add_error("file", str(refusal))
        else:
            messages.success(request, _("The profile “%(name)s” was saved.") % {"name": saved.name})
            return redirect("mappings:index")
    return _index(request, export_form=ExportForm(), profile_form=form, status=400)


@login_required
def build(request: HttpRequest, token: str) -> HttpResponse:
    require_builder(user=request.user)
    upload = imports.get_upload(token=token, user=request.user)
    if upload is None or upload.kind not in ("csv", "xlsx"):
        raise Http404
    name = upload.path.name
    posted = request.method == "POST"
    if posted:
        choices = choices_from_post(request.POST, upload.path, name=name)
    else:
        choices = initial_choices(upload.path, name=name)
    source = load_source(upload.path, choices)
    complete_values(choices, source)
    profile_name = request.POST.get("name", "").strip() if posted else ""
    profile = to_profile(choices, name=profile_name)
    error = None
    if profile is None:
        error = _("Choose at least one table to fill from this file.")
    elif posted and request.POST.get("action") == "save":
        try:
            saved = profiles.save_profile(name=profile_name, toml=profile_to_toml(profile), user=request.user)
        except profiles.ProfileRefused as refusal:
            error = str(refusal)
        else:
            messages.success(request, _("The profile “%(name)s” was saved. Choose it on the import page to import "
                                        "this file.") % {"name": saved.name})
            return redirect("mappings:index")
    tables, mapping_problems = preview.try_profile(profile, source) if profile is not None else ([], source.problems)
    return render(request, "mappings/build.html", {
        "upload": upload, "choices": choices, "source": source, "columns": source_columns(source, choices),
        "sections": sections(source, choices), "preview": preview_tables(tables, language=_language()),
        "mapping_problems": mapping_problems, "profile_name": profile_name, "error": error,
        "language": _language(), "options": format_options(),
    }, status=400 if error and posted else 200)


@login_required
def download(request: HttpRequest, pk: int) -> HttpResponse:
    require_builder(user=request.user)
    saved = get_object_or_404(MappingProfile, pk=pk)
    response = HttpResponse(saved.toml, content_type="application/toml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{profiles.download_name(saved)}"'
    return response


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    require_builder(user=request.user)
    saved = get_object_or_404(MappingProfile, pk=pk)
    profiles.delete_profile(pk=saved.pk)
    messages.info(request, _("The profile “%(name)s” was deleted.") % {"name": saved.name})
    return redirect("mappings:index")
