"""The API object: /api/v1/ with its OpenAPI schema, offline docs and JSON errors."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI, Schema
from ninja.openapi.docs import Swagger

from levensfase.web.accounts import access
from levensfase.web.api import aggregates, errors, imports, people
from levensfase.web.api.auth import AUTH

api = NinjaAPI(
    title="levensfase API",
    version="1",
    description=("Aggregates (suppressed exactly as on the pages), person records for those who may see them, "
                 "and import. Authenticate with a personal API token (`Authorization: Bearer lf_…`, made at "
                 "/api/tokens/) or a logged-in browser session. Errors are JSON with a Dutch and English message. "
                 "See docs/api.md."),
    urls_namespace="api",
    auth=AUTH,
    docs=Swagger(settings={"validatorUrl": None}),  # no call to validator.swagger.io; served from ninja's own static files ("ninja" in INSTALLED_APPS): no CDN
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
