"""The one settings module. Everything that differs per deployment comes from ``MM_*``
environment variables; docs/configuration.md lists them with their defaults.

``MM_ENV`` selects the mode: ``demo`` (the default: embedded SQLite, a generated secret key)
or ``production`` (refuses to start without ``MM_SECRET_KEY``, secure cookies, HSTS).
"""

import os
import secrets
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: expected true or false")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


MM_ENV = os.environ.get("MM_ENV", "demo")
if MM_ENV not in {"demo", "production"}:
    raise ImproperlyConfigured(f"MM_ENV={MM_ENV!r}: expected 'demo' or 'production'")
PRODUCTION = MM_ENV == "production"

VAR_DIR = Path(os.environ.get("MM_VAR_DIR", Path.cwd() / "var")).resolve()


def _secret_key() -> str:
    key = os.environ.get("MM_SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("MM_SECRET_KEY must be set when MM_ENV=production")
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
DEBUG = env_bool("MM_DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env_list(
    "MM_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = env_list("MM_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "missiemonitor.accounts",
    "missiemonitor.core",
    "auditlog",  # before missiemonitor.audit, whose admin replaces the library's
    "missiemonitor.audit",
    "missiemonitor.missions",
    "missiemonitor.results",
    "missiemonitor.monitoring",
    "missiemonitor.context",
    "missiemonitor.finance",
    "missiemonitor.programmes",
    "missiemonitor.reporting",
    "missiemonitor.interchange",
    "missiemonitor.synthetic",
    "missiemonitor.web",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "missiemonitor.web.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "missiemonitor.audit.middleware.AuditChannelMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "missiemonitor.web.second_factor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "missiemonitor.web.middleware.UnknownMissionMiddleware",
    "missiemonitor.api.middleware.ApiVersionMiddleware",
]

ROOT_URLCONF = "missiemonitor.urls"
WSGI_APPLICATION = "missiemonitor.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "missiemonitor.web.context_processors.shell",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'missiemonitor.sqlite3'}"
DATABASE_URL = os.environ.get("MM_DATABASE_URL", DEFAULT_DATABASE_URL)
if DATABASE_URL.startswith("sqlite:///") and ":memory:" not in DATABASE_URL:
    Path(DATABASE_URL.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
# Failed sign-ins per user name and client address (accounts/backends.py).
AUTHENTICATION_BACKENDS = ["missiemonitor.accounts.backends.ThrottledModelBackend"]
MM_LOGIN_MAX_FAILURES = int(os.environ.get("MM_LOGIN_MAX_FAILURES", 5))
MM_LOGIN_LOCKOUT_SECONDS = int(os.environ.get("MM_LOGIN_LOCKOUT_SECONDS", 900))
# Proxies in front of the server: X-Forwarded-For is trusted this many hops deep (0: ignored).
MM_NUM_PROXIES = int(os.environ.get("MM_NUM_PROXIES", 0))
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
# Two-factor sign-in (accounts/twofactor.py): TOTP through django-otp, with backup codes of our
# own. Required for administrators and for clearance Stg. Confidentieel and up.
OTP_TOTP_ISSUER = os.environ.get("MM_OTP_ISSUER", "Missiemonitor")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# A sign-in waiting for its second factor is forgotten after this many seconds.
MM_2FA_PENDING_SECONDS = int(os.environ.get("MM_2FA_PENDING_SECONDS", 600))
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Audit trail (missiemonitor.audit; docs/decisions/0006-audit-trail.md) ------------------
# django-auditlog captures the changes into the chained entries of missiemonitor.audit.
AUDITLOG_LOGENTRY_MODEL = "audit.AuditEntry"
AUDITLOG_STORE_JSON_CHANGES = True
AUDITLOG_DISABLE_REMOTE_ADDR = False
# The library's own entry table is swapped out for audit.AuditEntry: without its migrations
# it is not created (an empty table left behind would block flushing the database).
MIGRATION_MODULES = {"auditlog": None}

# --- Internationalisation: Dutch first, English second --------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
REPORT_OUTPUT_DIR = Path(os.environ.get("MM_REPORT_DIR", VAR_DIR / "reports"))
# Print a report's PDF in a forked worker while the other formats are written (where safe).
MM_REPORT_PARALLEL = env_bool("MM_REPORT_PARALLEL", True)
MM_REPORT_MAX_AGE_HOURS = float(os.environ.get("MM_REPORT_MAX_AGE_HOURS", 24))
# Scratch space of report rendering (matplotlib's cache, temporary files) and of backups; the
# system's temporary directory unless set. Keep it on a disk the server's account alone uses.
MM_TMP_DIR = Path(os.environ["MM_TMP_DIR"]).resolve() if os.environ.get("MM_TMP_DIR") else None
if MM_TMP_DIR is not None:
    MM_TMP_DIR.mkdir(parents=True, exist_ok=True)
    tempfile.tempdir = str(MM_TMP_DIR)
    os.environ.setdefault("MPLCONFIGDIR", str(MM_TMP_DIR / "matplotlib"))

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# A strict policy: the pages have no inline scripts, inline styles or event handlers. Images
# may be data: URIs because the design-system CSS draws its check marks that way.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env_bool("MM_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^health$"]  # health checks may come over plain HTTP, from inside
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("MM_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- REST API -------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "missiemonitor.api.schema.ApiAutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "missiemonitor.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "missiemonitor.api.problems.exception_handler",
    # Password checks (creating a token) per client address; see docs/api.md.
    "DEFAULT_THROTTLE_RATES": {"auth": os.environ.get("MM_API_AUTH_RATE", "10/minute")},
    "NUM_PROXIES": MM_NUM_PROXIES,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Missiemonitor API",
    "DESCRIPTION": "Monitoring and evaluation of contributions to international missions.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "missiemonitor.api.schema.postprocess",
    ],
    "ENUM_NAME_OVERRIDES": {
        "DatePrecisionEnum": "missiemonitor.core.models.DatePrecision",
        "ContributionKindEnum": "missiemonitor.missions.models.ContributionKind",
        "WorkflowStatusEnum": "missiemonitor.results.models.framework.AssessmentState",
        "LogKindEnum": "missiemonitor.results.models.indicators.LogKind",
        "ProgressRuleEnum": "missiemonitor.results.models.framework.ProgressRule",
        "LowMediumHighEnum": "missiemonitor.monitoring.attention.base.Severity",
        "IncidentSeverityEnum": "missiemonitor.context.models.Incident.Severity",
        "ReportFormatEnum": "missiemonitor.reporting.render.FORMATS",
    },
}

# --- Domain thresholds (defaults; datasets and deployments may override) --------------------
# Attention-point rules (monitoring/attention): thresholds, severities, switched-off rules.
MM_ATTENTION = {
    "ASSESSMENT_MAX_AGE_MONTHS": int(os.environ.get("MM_ASSESSMENT_MAX_AGE_MONTHS", 6)),
    "OWN_MISSION_CAPACITY_MIN_SHARE": float(os.environ.get("MM_OWN_MISSION_MIN_SHARE", 0.5)),
    # dimension value codes that mean "the indicator's own mission" (besides its key and acronym)
    "OWN_MISSION_CODES": env_list("MM_OWN_MISSION_CODES", ["mission", "own-mission"]),
    "ACTION_OVERDUE_HIGH_DAYS": int(os.environ.get("MM_ACTION_OVERDUE_HIGH_DAYS", 90)),
    "HANDOVER_GAP_MIN_DAYS": int(os.environ.get("MM_HANDOVER_GAP_MIN_DAYS", 1)),
    "PLANNED_HEADCOUNT_TOLERANCE": float(os.environ.get("MM_PLANNED_HEADCOUNT_TOLERANCE", 0.1)),
    "PLANNED_PERIOD_TOLERANCE_DAYS": int(os.environ.get("MM_PLANNED_PERIOD_TOLERANCE_DAYS", 31)),
    # incident severity -> attention-point severity
    "INCIDENT_SEVERITY": {"minor": "low", "serious": "medium", "critical": "high", "fatal": "high"},
    "SEVERITY": {},  # rule id -> severity, to override a rule's own
    "DISABLED_RULES": env_list("MM_ATTENTION_DISABLED_RULES", []),
}
# Indicator units that mean "per cent": a part's value / 100 is its share.
MM_INDICATOR_PERCENT_UNITS = ["%", "procent", "percent", "per cent"]
# The largest dataset file ``missiemonitor load`` accepts, in bytes.
MM_DATASET_MAX_BYTES = int(os.environ.get("MM_DATASET_MAX_BYTES", 25_000_000))
# The IATI export (``missiemonitor export --format iati``, docs/iati.md): the publishing
# organisation. Its IATI organisation identifier (such as XM-DAC-… or a national registry
# number) is the reporting organisation and the prefix of every activity identifier; the
# export refuses to run without it and the name. The type is an IATI OrganisationType code.
MM_IATI = {
    "ORGANISATION_ID": os.environ.get("MM_IATI_ORGANISATION_ID", "").strip(),
    "ORGANISATION_NAME": os.environ.get("MM_IATI_ORGANISATION_NAME", "").strip(),
    "ORGANISATION_TYPE": os.environ.get("MM_IATI_ORGANISATION_TYPE", "10").strip(),
}

# Logs go to standard error (standard output stays free for what commands print); in
# production as JSON lines, one object per record (web/jsonlog.py). ``missiemonitor serve``
# sends the server's logs, gunicorn's with them, to standard output.
MM_LOG_FORMAT = os.environ.get("MM_LOG_FORMAT", "json" if PRODUCTION else "text")
if MM_LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"MM_LOG_FORMAT={MM_LOG_FORMAT!r}: expected 'json' or 'text'")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "missiemonitor.web.jsonlog.JsonLineFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler",
                             **({"formatter": "json"} if MM_LOG_FORMAT == "json" else {})}},
    "root": {"handlers": ["console"], "level": os.environ.get("MM_LOG_LEVEL", "WARNING")},
}
