"""Dutch first: the interface language is the one the user chose (the language cookie set by
the language switch), else Dutch. The browser's Accept-Language is deliberately not used, so a
civil servant with an English browser still gets the Dutch interface unless they switch.
The API (``/api/``) is for programs and keeps HTTP's own negotiation: Accept-Language."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import check_for_language

from missiemonitor.missions.scope import UnknownMission


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if request.path_info.startswith("/api/"):
            return super().process_request(request)
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if not language or language not in dict(settings.LANGUAGES) or not check_for_language(language):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class UnknownMissionMiddleware:
    """A page asked for a mission that does not exist or that the user may not see
    (``?mission=…``, :func:`~missiemonitor.web.pages.mission_keys_from`): a 400 page that says
    which key is unknown and links to the same page for every mission, instead of a server
    error. The API answers such requests itself (problem+json)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, UnknownMission) or request.path_info.startswith("/api/"):
            return None
        from missiemonitor.web.pages import render_page

        query = request.GET.copy()
        query.pop("mission", None)
        query.pop("page", None)
        everything = request.path + (f"?{query.urlencode()}" if query else "")
        context = {"message": str(exception), "everything_url": everything}
        return render_page(request, "web/unknown_mission.html", context, status=400)
