"""Dutch first: the interface language is the one the user chose (the language cookie set by
the language switch), else Dutch. The browser's Accept-Language is deliberately not used, so a
civil servant with an English browser still gets the Dutch interface unless they switch.
The API (``/api/``) is for programs and keeps HTTP's own negotiation: Accept-Language."""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import check_for_language


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if request.path_info.startswith("/api/"):
            return super().process_request(request)
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if not language or language not in dict(settings.LANGUAGES) or not check_for_language(language):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
