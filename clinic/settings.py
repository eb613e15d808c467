"""Settings for the clinic site, read from the environment.

Every variable is documented in README.md and .env.example. Defaults are safe for a
local demo; production (DEBUG off) refuses to start without SECRET_KEY and ALLOWED_HOSTS.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if DEBUG:
    # A throwaway key: DEBUG is never on in production (see README "Deploying").
    SECRET_KEY = SECRET_KEY or "insecure-local-development-key-only-used-with-debug"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
else:
    missing = [name for name, value in (("SECRET_KEY", SECRET_KEY), ("ALLOWED_HOSTS", ALLOWED_HOSTS)) if not value]
    if missing:
        raise ImproperlyConfigured(
            f"{' and '.join(missing)} must be set when DEBUG is off (see README.md, 'Configuration')."
        )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Replaces django.contrib.staticfiles to keep CKEditor's sample pages out of
    # collectstatic (they carry CKEditor 4's known issues).
    "clinic.apps.ClinicStaticFilesConfig",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "ckeditor",
    "csp",
    "axes",
    # Saved versions of articles, treatments, pages and practitioners, with restore.
    "reversion",
    # Demo content loads in this order: articles link to practitioners and treatments.
    "clinic",
    "clinic.limits",
    "clinic.privacy",
    "treatments",
    "blog",
    "comments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Compressed pages: Brotli where the browser accepts it, gzip otherwise (clinic/compression.py).
    "django.middleware.gzip.GZipMiddleware",
    "clinic.compression.CompressionMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cache-Control, ETag and 304s (clinic/http_cache.py): inside compression, so the ETag is the
    # page's; outside sessions, CSRF and messages, so it sees every cookie they set.
    "clinic.http_cache.SharedCacheMiddleware",
    # Outermost after static files, so it sees every 404 the site answers.
    "clinic.redirects.RedirectFallbackMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "clinic.middleware.SecurityHeadersMiddleware",
    "clinic.middleware.ContentSecurityPolicyMiddleware",
    "clinic.middleware.ErrorPageMiddleware",
    # Before any view or query runs (a NUL reaching PostgreSQL is a 500), inside the header
    # middleware so its 400 and 413 pages carry the same headers as every other page.
    "clinic.middleware.RequestSanityMiddleware",
    # Last, as django-axes requires, so it sees the outcome of every log-in.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clinic.urls"
WSGI_APPLICATION = "clinic.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clinic.context_processors.site",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
# DATABASE_URL selects the database; unset gives the embedded SQLite demo database.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast while the database is unreachable, so pages answer 503 instead of hanging;
    # libpq rounds anything under 2 seconds up to 2.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int("DATABASE_CONNECT_TIMEOUT", 2)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rate limits and used form tokens must be seen by every worker and survive restarts: in
# Redis when there is one, otherwise in the database (clinic/limits/counters.py), never in
# a process's memory.
RATE_LIMIT_STORE = "cache" if REDIS_URL else "database"
# The versions cached renderings are kept under (clinic/cache_versions.py) likewise: a bump made
# by one worker or a management command must reach every worker.
CACHE_VERSION_STORE = "cache" if REDIS_URL else "database"

# Seconds nginx or a CDN may keep an anonymous page (clinic/http_cache.py). Browsers revalidate
# every time; two shared caches in a row (a CDN in front of nginx) still show a change within 60 s.
SHARED_CACHE_SECONDS = env_int("SHARED_CACHE_SECONDS", 30)

# Sessions live in the database so any web process can serve any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Authentication ---------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out client is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Proxies in front of the app (load balancer, nginx): the client's address is read from
# X-Forwarded-For that many hops back (clinic/client_address.py), for spam defence, rate
# limits and log-in throttling alike.
PROXY_COUNT = env_int("PROXY_COUNT", 0)
# Staff log-in throttling (django-axes, with the policy in clinic/login_throttle.py): a
# username from one address is locked after AXES_FAILURE_LIMIT wrong passwords; an
# address after LOGIN_ADDRESS_FAILURE_LIMIT across all usernames; a username from every
# address it has never logged in from after LOGIN_ACCOUNT_FAILURE_LIMIT. Counts are in
# the database, so every worker and server sees them; each lock lasts AXES_COOLOFF_TIME.
AXES_HANDLER = "clinic.login_throttle.LoginThrottleHandler"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 20)
LOGIN_ACCOUNT_FAILURE_LIMIT = env_int("LOGIN_ACCOUNT_FAILURE_LIMIT", 100)
# Addresses a user logged in from successfully within this many days stay open to them
# when their account is under attack from elsewhere.
LOGIN_KNOWN_ADDRESS_DAYS = env_int("LOGIN_KNOWN_ADDRESS_DAYS", 90)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], ["ip_address"], ["username"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "clinic.login_throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "clinic.client_address.client_address"
# Every failed log-in is kept for staff to review in the admin (Access failure logs).
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False
# Where staff land after logging in without a (safe) ?next=; Django's default is a 404.
LOGIN_REDIRECT_URL = reverse_lazy("admin:index")

# --- Internationalisation ----------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files and media -------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_STORAGE = env("MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage")
# Uploads keep their name for life (never overwritten), so browsers may keep them a month.
MEDIA_CACHE_CONTROL = "public, max-age=2592000"
MEDIA_STORAGE_OPTIONS = {}
if MEDIA_STORAGE == "storages.backends.s3.S3Storage":
    # Object storage (S3 or any S3-compatible service) through django-storages, so every app
    # server sees the same uploads. boto3 reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
    # from the environment itself.
    if not env("MEDIA_BUCKET"):
        raise ImproperlyConfigured("MEDIA_BUCKET must be set when MEDIA_STORAGE is S3 (see README.md, 'Deploying').")
    MEDIA_STORAGE_OPTIONS = {
        "bucket_name": env("MEDIA_BUCKET"),
        "region_name": env("MEDIA_REGION") or None,
        "endpoint_url": env("MEDIA_ENDPOINT_URL") or None,
        "custom_domain": env("MEDIA_CUSTOM_DOMAIN") or None,
        # Public images linked from pages: plain addresses that never expire, never overwritten.
        "querystring_auth": False,
        "file_overwrite": False,
        "object_parameters": {"CacheControl": MEDIA_CACHE_CONTROL},
    }
STORAGES = {
    # Filesystem for one server; object storage (MEDIA_STORAGE above) for several.
    "default": {"BACKEND": MEDIA_STORAGE, "OPTIONS": MEDIA_STORAGE_OPTIONS},
    # Hashed, pre-compressed files that whitenoise serves with far-future cache headers.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded media is served by the app only where no web server or object storage does it
# (the local demo); production puts a proper server or bucket in front.
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Limits for images staff upload (cover images, photos, images in the editor).
IMAGE_UPLOAD_MAX_BYTES = env_int("IMAGE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
IMAGE_UPLOAD_MAX_PIXELS = env_int("IMAGE_UPLOAD_MAX_PIXELS", 40_000_000)

# --- Email -------------------------------------------------------------------
EMAIL_HOST = env("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 10
else:
    # Without a mail server, emails are printed to the console for the demo.
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "clinic@localhost")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Where consultation enquiries and moderation notices go; the clinic profile's email
# address is used when this is empty.
CLINIC_NOTIFY_EMAILS = env_list("CLINIC_NOTIFY_EMAILS")
# The public address, e.g. https://www.example.co.uk. Every link in an email is built from
# it (emails are sent by the outbox worker, outside any request), so production refuses to
# start without it rather than send links that open nowhere.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
if not DEBUG and not SITE_URL:
    raise ImproperlyConfigured(
        "SITE_URL must be set when DEBUG is off, e.g. SITE_URL=https://www.example-clinic.co.uk: links in "
        "emails are built from it (see README.md, 'Configuration')."
    )
# Every email is queued in the outbox table and sent by `manage.py send_outbox` (clinic/outbox.py).
# A failed send is retried after OUTBOX_RETRY_SECONDS, doubling each time, up to this many attempts.
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 8)
OUTBOX_RETRY_SECONDS = env_int("OUTBOX_RETRY_SECONDS", 60)

# --- Spam defence for public forms (clinic/spam.py) --------------------------
# A form sent back sooner than this after it was shown is treated as a bot; tests lower it.
SPAM_MIN_FILL_SECONDS = env_int("SPAM_MIN_FILL_SECONDS", 3)
# Older forms are refused with "please send it again", so a token cannot be replayed forever.
SPAM_MAX_FORM_AGE_SECONDS = env_int("SPAM_MAX_FORM_AGE_SECONDS", 60 * 60 * 24)
# Submissions per client per window before the form asks them to wait.
SPAM_RATE_LIMIT = env_int("SPAM_RATE_LIMIT", 5)
SPAM_RATE_WINDOW_SECONDS = env_int("SPAM_RATE_WINDOW_SECONDS", 60 * 60)
# More links than this in a message marks it as spam for staff to review.
SPAM_MAX_LINKS = env_int("SPAM_MAX_LINKS", 1)

# --- Retention (the purge command deletes after these many days; the privacy notice shows them)
RETENTION_ENQUIRY_DAYS = env_int("RETENTION_ENQUIRY_DAYS", 365)
# Comments never published (pending, spam, removed): name, email and text.
RETENTION_UNPUBLISHED_COMMENT_DAYS = env_int("RETENTION_UNPUBLISHED_COMMENT_DAYS", 90)
# Copies of emails the site sent (the outbox), once sent.
RETENTION_EMAIL_LOG_DAYS = env_int("RETENTION_EMAIL_LOG_DAYS", 90)
# django-axes' staff log-in records, which hold the address each attempt came from.
RETENTION_LOGIN_RECORD_DAYS = env_int("RETENTION_LOGIN_RECORD_DAYS", 90)

# --- Compliance dashboard (clinic/compliance.py) -----------------------------
# Treatment prices not confirmed for this many months are listed for staff to check.
PRICE_CONFIRMATION_MONTHS = env_int("PRICE_CONFIRMATION_MONTHS", 6)

# --- Comments (comments/services.py) -------------------------------------------
# Old articles attract mostly spam; 0 keeps comments open for ever.
COMMENTS_CLOSE_AFTER_DAYS = env_int("COMMENTS_CLOSE_AFTER_DAYS", 90)

# --- Security ----------------------------------------------------------------
# HTTPS_ONLY is on by default; `make run` turns it off to serve plain http on localhost.
HTTPS_ONLY = env_bool("HTTPS_ONLY", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS_ONLY
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS_ONLY else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS_ONLY
# The header only permits submission to browsers' preload list; submitting stays the operator's choice.
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", HTTPS_ONLY)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# /healthz is probed by load balancers over plain http.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
X_FRAME_OPTIONS = "DENY"
# The site's own page (templates/403_csrf.html) instead of Django's, whose inline style our CSP blocks.
CSRF_FAILURE_VIEW = "clinic.errors.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# CKEditor 4 is not CSP-compatible: it starts its editing frame with an inline script,
# wires its toolbar with inline handlers and writes inline styles (no nonce or hash can
# cover handlers it generates). Only admin form pages that render a CKEditor widget get
# this (clinic/middleware.py); the log-in, index, lists and moderation pages stay strict.
ADMIN_CSP_EXTRA = {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"]}

SILENCED_SYSTEM_CHECKS = [
    # django-ckeditor bundles CKEditor 4, which is unmaintained. The risk is contained as
    # DESIGN.md section 3 sets out: staff-only editor, every value sanitised server-side
    # with an nh3 allow-list on save, uploads re-encoded, sample pages never published.
    "ckeditor.W001",
]

# --- Admin and editor --------------------------------------------------------
ADMIN_URL = env("ADMIN_URL", "admin/").strip("/") + "/"
CKEDITOR_BASEPATH = STATIC_URL + "ckeditor/ckeditor/"
CKEDITOR_UPLOAD_PATH = "uploads/"
CKEDITOR_CONFIGS = {
    "default": {
        "versionCheck": False,
        "height": 420,
        "width": "100%",
        "toolbar": "Clinic",
        "toolbar_Clinic": [
            ["Format", "Bold", "Italic", "Underline", "Strike", "Subscript", "Superscript"],
            ["NumberedList", "BulletedList", "Blockquote", "-", "Link", "Unlink"],
            ["Image", "Table", "HorizontalRule"],
            ["RemoveFormat", "Source", "Maximize"],
        ],
        "format_tags": "p;h2;h3;h4",
        "filebrowserUploadUrl": reverse_lazy("clinic:editor_image_upload"),
        "filebrowserImageUploadUrl": reverse_lazy("clinic:editor_image_upload"),
        # No server-side file browser: uploads only.
        "filebrowserBrowseUrl": "",
        "filebrowserImageBrowseUrl": "",
        "removePlugins": "exportpdf",
        "extraPlugins": "uploadimage",
        "uploadUrl": reverse_lazy("clinic:editor_image_upload"),
        "image_prefillDimensions": False,
        "disallowedContent": "script; *[on*]",
    }
}

# --- Logging -----------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
