"""Every API error is JSON with a message in Dutch and English, never a traceback or an HTML page."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from levensfase.web.api.tokens import TokenRefused

log = logging.getLogger(__name__)

MESSAGES = {
    400: ("Het verzoek is onjuist.", "The request is not valid."),
    401: ("Log in of stuur een geldig API-token mee (Authorization: Bearer …).",
          "Log in or send a valid API token (Authorization: Bearer …)."),
    403: ("Uw rol geeft geen toegang tot deze gegevens.", "Your role gives no access to this data."),
    404: ("Niet gevonden, of buiten uw zicht.", "Not found, or outside your view."),
    405: ("Deze methode kan hier niet.", "This method is not allowed here."),
    409: ("Dit kan (nog) niet; zie de melding.", "This cannot be done (yet); see the message."),
    422: ("De invoer klopt niet; zie `errors`.", "The input is not valid; see `errors`."),
    429: ("Te veel verzoeken; probeer het over een minuut opnieuw.", "Too many requests; try again in a minute."),
    500: ("Er ging iets mis aan onze kant; de fout is vastgelegd.", "Something went wrong on our side; it was logged."),
}


class ErrorOut(Schema):
    status: int
    message: str
    message_nl: str
    message_en: str
    errors: list[dict] | None = None


class ApiError(Exception):
    """An error with its own words; raised by the endpoints for refusals the generic texts do not say."""

    def __init__(self, status: int, nl: str, en: str, errors: list[dict] | None = None):
        super().__init__(en)
        self.status, self.nl, self.en, self.errors = status, nl, en, errors


def english() -> bool:
    return (get_language() or "nl").startswith("en")


def error_response(api: NinjaAPI, request: HttpRequest, status: int, nl: str | None = None, en: str | None = None,
                   errors: list[dict] | None = None) -> HttpResponse:
    default_nl, default_en = MESSAGES.get(status, MESSAGES[400])
    nl, en = nl or default_nl, en or default_en
    body = {"status": status, "message": en if english() else nl, "message_nl": nl, "message_en": en}
    if errors is not None:
        body["errors"] = errors
    return api.create_response(request, body, status=status)


def _clean(errors: list[dict]) -> list[dict]:
    """Validation errors without the submitted input (it may hold personal data) or Python objects."""
    return [{"loc": [str(part) for part in e.get("loc", ())], "msg": str(e.get("msg", "")),
             "type": str(e.get("type", ""))} for e in errors]


def install(api: NinjaAPI) -> None:
    """Register the JSON handlers for every error an endpoint can meet."""

    @api.exception_handler(ApiError)
    def _api_error(request, exc: ApiError):
        return error_response(api, request, exc.status, exc.nl, exc.en, exc.errors)

    @api.exception_handler(TokenRefused)
    def _token(request, exc: TokenRefused):
        response = error_response(api, request, exc.status, exc.nl, exc.en)
        if exc.status == 429:
            response["Retry-After"] = "60"
        return response

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc):
        return error_response(api, request, 401)

    @api.exception_handler(ValidationError)
    def _invalid(request, exc: ValidationError):
        return error_response(api, request, 422, errors=_clean(exc.errors))

    @api.exception_handler(HttpError)
    def _http(request, exc: HttpError):
        return error_response(api, request, exc.status_code if exc.status_code in MESSAGES else 400)

    @api.exception_handler(Http404)
    def _missing(request, exc):
        return error_response(api, request, 404)

    @api.exception_handler(PermissionDenied)
    def _forbidden(request, exc):
        return error_response(api, request, 403)

    @api.exception_handler(Exception)
    def _crash(request, exc):
        log.exception("API error on %s %s", request.method, request.path)
        return error_response(api, request, 500)
