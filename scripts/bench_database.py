"""A fresh PostgreSQL database for a benchmark run, beside the one DATABASE_URL names."""

import os
from urllib.parse import urlsplit, urlunsplit

import psycopg2


def fresh_database_url(suffix):
    """Drop and create ``<name>_<suffix>`` on DATABASE_URL's server; return its URL."""
    url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/clinic"
    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/')}_{suffix}"
    admin = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username or "postgres",
        password=parts.password or "", dbname="postgres",
    )  # fmt: skip
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return urlunsplit(parts._replace(path="/" + name))
