"""Stop `make test` early, with a clear message, when PostgreSQL is not reachable."""

import os
import sys
from urllib.parse import urlsplit

import psycopg2

url = os.environ.get("DATABASE_URL", "")
if urlsplit(url).scheme not in {"postgres", "postgresql", "pgsql"}:
    sys.exit(f"The test suite runs on PostgreSQL only; DATABASE_URL is {url!r}. Set it to a postgres:// URL.")
parts = urlsplit(url)
try:
    psycopg2.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or "",
        dbname="postgres",
        connect_timeout=5,
    ).close()
except psycopg2.OperationalError as error:
    sys.exit(
        f"No PostgreSQL server answers at {parts.hostname}:{parts.port or 5432} ({str(error).strip()}).\n"
        "Start one (e.g. `pg_ctlcluster 15 main start`) or point DATABASE_URL at one, e.g.\n"
        "  make test DATABASE_URL=postgres://user:password@host:5432/clinic\n"
        "The user needs permission to create the test database."
    )
