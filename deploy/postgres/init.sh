#!/usr/bin/env bash
# First start of the compose PostgreSQL (docker-entrypoint-initdb.d): the platform roles with the passwords compose
# passes in, and the platform database set up for them. The same SQL runs in the AppHost and in every test database.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v screening_password="$SCREENING_DB_PASSWORD" -v scheduling_password="$SCHEDULING_DB_PASSWORD" \
  -v integration_password="$INTEGRATION_DB_PASSWORD" -v analyst_password="$ANALYST_DB_PASSWORD" -v identity_password="$IDENTITY_DB_PASSWORD" \
  -f /platform-sql/roles.sql
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -f /platform-sql/database.sql
