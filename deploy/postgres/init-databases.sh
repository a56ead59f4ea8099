#!/usr/bin/env bash
# Run once by the postgres image on an empty volume (/docker-entrypoint-initdb.d):
# one database per service, owned by the application user, with the extensions
# the registry's search uses created by the superuser.
set -euo pipefail

for db in ${MIM_DATABASES:-registry events gateway}; do
  echo "creating database $db"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -c "CREATE DATABASE \"$db\" OWNER \"$POSTGRES_USER\" ENCODING 'UTF8'"
done

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname registry <<'SQL'
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
SQL
