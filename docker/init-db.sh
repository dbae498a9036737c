#!/usr/bin/env bash
# Run once by the postgres image on an empty data directory: the service's role, without superuser rights, owning its
# database (the same statements as scripts/lib.sh's pg_service_role).
set -euo pipefail
password="$(cat /run/secrets/verification_db_password)"
psql -v ON_ERROR_STOP=1 -U postgres -d postgres -v pw="$password" <<'SQL'
SET password_encryption = 'scram-sha-256';
CREATE ROLE verification LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'pw';
CREATE DATABASE verification OWNER verification;
REVOKE ALL ON DATABASE verification FROM PUBLIC;
SQL
