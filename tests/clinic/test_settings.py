"""Production configuration: refuses unsafe defaults, passes Django's deployment checks."""

import os
import subprocess
import sys

from django.conf import settings

BASE_ENV = {
    "PATH": os.environ["PATH"],
    "DJANGO_SETTINGS_MODULE": "clinic.settings",
    "DATABASE_URL": "sqlite:///:memory:",
    "SITE_URL": "https://clinic.example",
}


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**BASE_ENV, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_secret_key():
    result = manage("check", ALLOWED_HOSTS="clinic.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set when DEBUG is off" in result.stderr


def test_any_command_without_configuration_says_what_is_missing():
    result = manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 1
    assert "SECRET_KEY and ALLOWED_HOSTS must be set when DEBUG is off" in result.stderr
    assert "prefix the command with DEBUG=true" in result.stderr
    assert "AppRegistryNotReady" not in result.stderr


def test_production_refuses_to_start_without_site_url():
    result = manage("check", SECRET_KEY="x" * 60, ALLOWED_HOSTS="clinic.example", SITE_URL="")
    assert result.returncode != 0
    assert "SITE_URL must be set when DEBUG is off" in result.stderr
    result = manage("check", SECRET_KEY="x" * 60, ALLOWED_HOSTS="clinic.example", SITE_URL="", DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_production_names_both_missing_settings():
    result = manage("check")
    assert "SECRET_KEY and ALLOWED_HOSTS must be set" in result.stderr


def test_deploy_checks_are_clean_in_production_mode():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k3y-" + "a1b2c3d4e5" * 6,
        ALLOWED_HOSTS="clinic.example",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (1 silenced)." in result.stdout


def test_production_defaults_are_secure():
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0, s.DEBUG)"
    )
    result = manage("shell", "-c", code, SECRET_KEY="x" * 60, ALLOWED_HOSTS="clinic.example")
    assert result.stdout.strip().splitlines()[-1] == "True True True True False"


def test_local_demo_mode_serves_plain_http_with_debug_off():
    code = "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.DEBUG)"
    result = manage("shell", "-c", code, SECRET_KEY="x" * 60, ALLOWED_HOSTS="127.0.0.1", HTTPS_ONLY="false")
    assert result.stdout.strip().splitlines()[-1] == "False False False"


def test_redis_url_switches_the_cache_to_redis():
    code = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])"
    result = manage("shell", "-c", code, DEBUG="true", REDIS_URL="redis://127.0.0.1:6379/1")
    assert result.stdout.strip().splitlines()[-1] == "django.core.cache.backends.redis.RedisCache"


def test_ckeditor_version_check_is_off_and_only_w001_is_silenced():
    assert settings.CKEDITOR_CONFIGS["default"]["versionCheck"] is False
    assert settings.SILENCED_SYSTEM_CHECKS == ["ckeditor.W001"]
