"""Dutch unless the user chose English: the browser's Accept-Language is deliberately ignored.

Dutch is the product's default (DESIGN §9); a Dutch organisation's staff often run English
browsers, and the page must not switch language behind their backs. The choice made with the
language switch (Django's set_language view) is kept in its cookie.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response
