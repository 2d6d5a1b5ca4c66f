"""Settings, read from environment variables (see README, "Cấu hình")."""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("DIEUHANH_VAR", Path.cwd() / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def env_list(name: str, default: str = "") -> list[str]:
    return [d.strip() for d in os.environ.get(name, default).split(",") if d.strip()]


DEBUG = env_bool("DIEUHANH_DEBUG", False)
# Demo mode (`make run`): the published key, demo passwords usable as they are, no forced second factor.
DIEUHANH_DEMO = env_bool("DIEUHANH_DEMO", False)
WHITENOISE_USE_FINDERS = True  # serve app static files without a collectstatic step
DEMO_SECRET_KEY = "dev-only-not-secret-change-me"
SECRET_KEY = os.environ.get("DIEUHANH_SECRET_KEY", "") or (DEMO_SECRET_KEY if DIEUHANH_DEMO else "")
if not DIEUHANH_DEMO and (not SECRET_KEY or SECRET_KEY == DEMO_SECRET_KEY or len(SECRET_KEY) < 50
                          or SECRET_KEY.startswith("replace-with")):  # the example file's placeholder
    raise ImproperlyConfigured(
        "Chưa đặt DIEUHANH_SECRET_KEY (ít nhất 50 ký tự ngẫu nhiên, khác khóa mẫu). Tạo một khóa: "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'. Chỉ bản minh họa (DIEUHANH_DEMO=1) "
        "mới chạy với khóa mẫu."
    )
ALLOWED_HOSTS = env_list("DIEUHANH_ALLOWED_HOSTS", "127.0.0.1,localhost")

# The covering index task_tree_due includes columns on PostgreSQL; SQLite keeps its key columns only.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # its Swagger UI from the package's own static files, not a CDN
    "simple_history",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "dieuhanh.web",
    "dieuhanh.api",
    "dieuhanh.audit",
    "dieuhanh.workers",
    "dieuhanh.accounts",
    "dieuhanh.org",
    "dieuhanh.events",
    "dieuhanh.discussion",
    "dieuhanh.documents",
    "dieuhanh.tasks",
    "dieuhanh.meetings",
    "dieuhanh.petitions",
    "dieuhanh.indicators",
    "dieuhanh.ntm",
    "dieuhanh.dashboard",
    "dieuhanh.reports",
    "dieuhanh.notify",
    "dieuhanh.performance",
    "dieuhanh.programmes",
    "dieuhanh.intake",
    "dieuhanh.reorg",
    "dieuhanh.demo",
    "dieuhanh.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "dieuhanh.audit.log.AuditMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "dieuhanh.accounts.middleware.AccountMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dieuhanh.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dieuhanh.web.context.navigation",
            ],
        },
    }
]
WSGI_APPLICATION = "dieuhanh.wsgi.application"

# SQLite under var/ by default; DATABASE_URL=postgres://… for production and CI.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'dieuhanh.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache for every web process and machine (the public page, its rates): the database's own table,
# created by the migration workers.0002 (Django's createcachetable).
# Pages kept per data generation (core.generation) are one entry per user and page: room for an office's users.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "dieuhanh_cache",
                      "OPTIONS": {"MAX_ENTRIES": env_int("DIEUHANH_CACHE_ENTRIES", 20000)}}}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# `dieuhanh worker` beats this often; a worker silent for DIEUHANH_WORKER_LOST_AFTER_SECONDS is dead and
# its running jobs are failed or retried.
DIEUHANH_WORKER_BEAT_SECONDS = env_int("DIEUHANH_WORKER_BEAT_SECONDS", 10)
DIEUHANH_WORKER_LOST_AFTER_SECONDS = env_int("DIEUHANH_WORKER_LOST_AFTER_SECONDS", 60)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["dieuhanh.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it; files come from the apps
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "inbox"
LOGOUT_REDIRECT_URL = "login"
# Idle timeout (TCVN 11930 level 3): a session with no request for this long ends; and whatever the
# activity, a sign-in lasts at most DIEUHANH_SESSION_MAX_HOURS.
# The idle clock is pushed forward at most once a minute (accounts.middleware): saving the session on
# every request would write a row per page view.
SESSION_COOKIE_AGE = env_int("DIEUHANH_SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = False
DIEUHANH_SESSION_MAX_HOURS = env_int("DIEUHANH_SESSION_MAX_HOURS", 10)

# Sign-in security: lockout after failed sign-ins by account and by address (django-axes), lifted by an
# administrator in /quan-tri/ (Lượt truy cập) or after the cool-off; a password policy; TOTP second factor.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("DIEUHANH_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DIEUHANH_LOCKOUT_MINUTES", 30)) or None
# "username,ip_address": either one locks. Behind one NAT address for a whole office, lock by
# "username" and "ip_address+user_agent" instead (a "+" joins parameters that must all match).
AXES_LOCKOUT_PARAMETERS = [p.split("+") if "+" in p else p
                           for p in env_list("DIEUHANH_LOCKOUT_BY", "username,ip_address")]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_CLIENT_IP_CALLABLE = "dieuhanh.core.net.client_ip"
AXES_VERBOSE = False
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": env_int("DIEUHANH_PASSWORD_MIN_LENGTH", 12)}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 3600 * 2
OTP_TOTP_ISSUER = "Điều hành"
# Roles that must use the second factor besides administrators, e.g. "tracker,leader".
DIEUHANH_2FA_ROLES = env_list("DIEUHANH_2FA_ROLES")
# The audit log is kept this many days (never under 90: TCVN 11930 asks for at least 3 months).
DIEUHANH_AUDIT_KEEP_DAYS = env_int("DIEUHANH_AUDIT_KEEP_DAYS", 365)

# Transport security, all from the environment (deploy/production.env.example explains each).
SECURE_SSL_REDIRECT = env_bool("DIEUHANH_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("DIEUHANH_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DIEUHANH_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("DIEUHANH_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DIEUHANH_SECURE_COOKIES", False)
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
CSRF_TRUSTED_ORIGINS = env_list("DIEUHANH_CSRF_TRUSTED_ORIGINS")
# The reverse proxy in front: the addresses it connects from (the client's address is then read from
# X-Forwarded-For), and whether it tells us the original scheme in X-Forwarded-Proto.
DIEUHANH_TRUSTED_PROXY_NETWORKS = [ipaddress.ip_network(n, strict=False) for n in env_list("DIEUHANH_TRUSTED_PROXIES")]
if env_bool("DIEUHANH_PROXY_SETS_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# Django's own Content-Security-Policy: scripts and styles from our static files only, nothing inline.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Uploads: a cap, and the type is sniffed from the content.
MAX_UPLOAD_MB = env_int("DIEUHANH_MAX_UPLOAD_MB", 20)
DATA_UPLOAD_MAX_MEMORY_SIZE = (MAX_UPLOAD_MB + 1) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Larger uploads are spooled here (not the shared /tmp), and a killed request's spool is swept.
FILE_UPLOAD_TEMP_DIR = VAR_DIR / "tmp"
FILE_UPLOAD_TEMP_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)

# Working-day calendar: holidays.VN plus these yearly decisions (ISO dates, comma separated).
DIEUHANH_EXTRA_DAYS_OFF = env_list("DIEUHANH_EXTRA_DAYS_OFF")
DIEUHANH_EXTRA_WORKING_DAYS = env_list("DIEUHANH_EXTRA_WORKING_DAYS")
# Holidays the package knows but whose legal basis is pending (e.g. 24/11 "Ngày Văn hóa Việt Nam").
DIEUHANH_IGNORED_HOLIDAYS = env_list("DIEUHANH_IGNORED_HOLIDAYS")
# A task whose lead unit has not reported for this many days is flagged "chưa cập nhật".
DIEUHANH_STALE_AFTER_DAYS = env_int("DIEUHANH_STALE_AFTER_DAYS", 30)
# NĐ 335/2025 scores: what the decree leaves to the office. The shares of quantity, quality and progress in the
# 70 points of task results; the share of a leader's task result that is the unit's; the cap on "xuất sắc".
DIEUHANH_SCORE_MIX = env_list("DIEUHANH_SCORE_MIX", "1,1,1")
DIEUHANH_SCORE_LEADER_UNIT_SHARE = os.environ.get("DIEUHANH_SCORE_LEADER_UNIT_SHARE", "0.5")
DIEUHANH_SCORE_EXCELLENT_CAP_PERCENT = env_int("DIEUHANH_SCORE_EXCELLENT_CAP_PERCENT", 20)
DIEUHANH_SCORE_ROLL = os.environ.get("DIEUHANH_SCORE_ROLL", "average")  # how months make a quarter: average|weighted
# A new task not acknowledged by its lead unit within this many working days is listed for the assigner.
DIEUHANH_ACKNOWLEDGE_WITHIN_DAYS = env_int("DIEUHANH_ACKNOWLEDGE_WITHIN_DAYS", 2)
# Party numbering runs over a committee term; the default term cycle starts at this congress year.
DIEUHANH_PARTY_TERM_FIRST_YEAR = env_int("DIEUHANH_PARTY_TERM_FIRST_YEAR", 2020)

# Office hours for limits counted in working hours ("HH:MM-HH:MM", comma separated).
DIEUHANH_OFFICE_HOURS = os.environ.get("DIEUHANH_OFFICE_HOURS", "07:30-11:30,13:00-17:00")
# Petitions: time to receive (working hours) by urgency; to answer an urgent one (working days). A normal
# or complex petition is answered within its field's limits (editable in /quan-tri/).
DIEUHANH_PETITION_RECEIVE_HOURS = {"urgent": env_int("DIEUHANH_PETITION_RECEIVE_HOURS_URGENT", 4),
                                   "normal": env_int("DIEUHANH_PETITION_RECEIVE_HOURS", 8),
                                   "complex": env_int("DIEUHANH_PETITION_RECEIVE_HOURS", 8)}
DIEUHANH_PETITION_URGENT_DAYS = env_int("DIEUHANH_PETITION_URGENT_DAYS", 2)
DIEUHANH_PETITION_DEFAULT_DAYS = env_int("DIEUHANH_PETITION_DEFAULT_DAYS", 10)
# Public form: submissions per sender per hour, and the length of a petition.
DIEUHANH_PUBLIC_SUBMISSIONS_PER_HOUR = env_int("DIEUHANH_PUBLIC_SUBMISSIONS_PER_HOUR", 3)
DIEUHANH_PETITION_MAX_CHARS = env_int("DIEUHANH_PETITION_MAX_CHARS", 5000)
# Discussion on a task or a petition: its length, and how long its author may still edit a comment.
DIEUHANH_COMMENT_MAX_CHARS = env_int("DIEUHANH_COMMENT_MAX_CHARS", 4000)
DIEUHANH_COMMENT_EDIT_MINUTES = env_int("DIEUHANH_COMMENT_EDIT_MINUTES", 15)
# REST API (/api/v1/): the longest a token may live, and the requests a token may make (per s, m, h or d).
DIEUHANH_API_TOKEN_MAX_DAYS = env_int("DIEUHANH_API_TOKEN_MAX_DAYS", 365)
DIEUHANH_API_RATE = os.environ.get("DIEUHANH_API_RATE", "600/m")
# The address this installation is reached at, for links sent outside it (webhooks).
DIEUHANH_SITE_URL = os.environ.get("DIEUHANH_SITE_URL", "http://127.0.0.1:8000")
# This office on the national document exchange (trục liên thông): its electronic identifier (mã định danh,
# TT 10/2016) and name, the sender of the edXML packets it writes.
DIEUHANH_EDXML_ORGAN_ID = os.environ.get("DIEUHANH_EDXML_ORGAN_ID", "")
DIEUHANH_EDXML_ORGAN_NAME = os.environ.get("DIEUHANH_EDXML_ORGAN_NAME", "")
# Webhooks: seconds to wait for an endpoint, attempts before a delivery is given up, the first retry's delay
# (doubled at each attempt, at most 6 hours).
DIEUHANH_WEBHOOK_TIMEOUT = env_int("DIEUHANH_WEBHOOK_TIMEOUT", 5)
DIEUHANH_WEBHOOK_ATTEMPTS = env_int("DIEUHANH_WEBHOOK_ATTEMPTS", 12)
DIEUHANH_WEBHOOK_FIRST_RETRY_SECONDS = env_int("DIEUHANH_WEBHOOK_FIRST_RETRY_SECONDS", 30)
# Indicators: from this percent of the expected amount an indicator is orange, below it red.
DIEUHANH_INDICATOR_ORANGE_FROM = env_int("DIEUHANH_INDICATOR_ORANGE_FROM", 90)
# E-mail (SMTP). Without DIEUHANH_SMTP_HOST mails are written to the log and stay in the outbox's history.
EMAIL_BACKEND = ("django.core.mail.backends.smtp.EmailBackend" if os.environ.get("DIEUHANH_SMTP_HOST")
                 else "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("DIEUHANH_SMTP_HOST", "localhost")
EMAIL_PORT = env_int("DIEUHANH_SMTP_PORT", 25)
EMAIL_HOST_USER = os.environ.get("DIEUHANH_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DIEUHANH_SMTP_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DIEUHANH_SMTP_TLS", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DIEUHANH_MAIL_FROM", "dieuhanh@localhost")
# Đôn đốc: remind N working days before a deadline, and every M working days while overdue.
DIEUHANH_REMIND_DAYS_BEFORE = env_int("DIEUHANH_REMIND_DAYS_BEFORE", 3)
DIEUHANH_REMIND_OVERDUE_EVERY = env_int("DIEUHANH_REMIND_OVERDUE_EVERY", 5)
# Working days a unit has to explain an indicator behind plan (yêu cầu giải trình).
DIEUHANH_EXPLANATION_DAYS = env_int("DIEUHANH_EXPLANATION_DAYS", 5)

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DIEUHANH_LOG_LEVEL", "WARNING")},
}
