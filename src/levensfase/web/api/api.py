"""The API object: /api/v1/ with its OpenAPI schema, offline docs and JSON errors."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI, Schema
from ninja.openapi.docs import Swagger

from levensfase.web.accounts import access
from levensfase.web.api import aggregates, errors, imports, people
from levensfase.web.api.auth import AUTH

ERROR_CODES = ("401", "403", "404", "422", "429", "500")


class LevensfaseAPI(NinjaAPI):
    """NinjaAPI whose schema documents the JSON errors (errors.ErrorOut) on every operation."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["ErrorOut"] = errors.ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
        reference = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
        for methods in schema["paths"].values():
            for operation in methods.values():
                for code in ERROR_CODES:
                    operation["responses"].setdefault(code, {"description": errors.MESSAGES[int(code)][1], **reference})
                if operation.get("requestBody") or "imports" in str(operation.get("operationId")):
                    operation["responses"].setdefault("409", {"description": errors.MESSAGES[409][1], **reference})
        return schema


class _Docs(Swagger):
    """Swagger UI from ninja's own static files ("ninja" in INSTALLED_APPS): no CDN, no call to
    validator.swagger.io; our copy of ninja's page only adds the page language (WCAG 3.1.1)."""

    template = "api/swagger.html"


DOCS = _Docs(settings={"validatorUrl": None})

api = LevensfaseAPI(
    title="levensfase API",
    version="1",
    description=("Aggregates (suppressed exactly as on the pages), person records for those who may see them, "
                 "and import. Authenticate with a personal API token (`Authorization: Bearer lf_…`, made at "
                 "/api/tokens/) or a logged-in browser session. Errors are JSON with a Dutch and English message. "
                 "See docs/api.md."),
    urls_namespace="api",
    auth=AUTH,
    docs=DOCS,
    docs_url="/docs/",
)
errors.install(api)


class MeOut(Schema):
    username: str
    role: str | None
    person_id: str | None
    token_scope: str | None


@api.get("/me", response=MeOut, tags=["account"], summary="Who you are to the API")
def me(request: HttpRequest):
    profile = access.profile_of(request.user)
    token = getattr(request, "api_token", None)
    return {"username": request.user.get_username(), "role": profile.role if profile else None,
            "person_id": profile.person_id if profile else None, "token_scope": token.scope if token else None}


api.add_router("", aggregates.router)
api.add_router("", people.router)
api.add_router("", imports.router)
