"""Rate limits on the endpoints that check a password, against guessing."""

from rest_framework.throttling import AnonRateThrottle


class AuthenticationThrottle(AnonRateThrottle):
    """Counts every attempt by client address, signed in or not (setting ``auth``)."""

    scope = "auth"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
