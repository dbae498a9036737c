# Shared by run.sh and test.sh: Debian packages and private PostgreSQL clusters.
# shellcheck shell=bash

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; return 1; fi
}

# Installs the Debian packages that are missing; one apt run for all of them.
ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} = 0 ] && return 0
  echo "installing Debian packages: ${missing[*]}" >&2
  as_root apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

pg_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$dir" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; return 1; }
  echo "$dir"
}

# PostgreSQL refuses to run as root: as root, run its tools as the postgres user.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_own() {
  if [ "$(id -u)" = 0 ]; then chown -R postgres: "$@"; fi
}

# pg_init DATA_DIR: a new cluster with trust authentication for local connections only (test.sh's throwaway cluster).
pg_init() {
  as_pg "$(pg_bin)/initdb" -D "$1" -U postgres -A trust -E UTF8 --locale=C.UTF-8 "${@:2}" >/dev/null
}

# pg_init_scram DATA_DIR PASSWORD: a new cluster whose every connection, socket or TCP, needs the role's password
# (scram-sha-256); PASSWORD becomes the postgres superuser's. The password travels in a file only postgres reads.
pg_init_scram() {
  local data="$1" password="$2" pwfile
  pwfile="$(dirname "$data")/.initdb-password"
  (umask 077; printf '%s\n' "$password" > "$pwfile")
  pg_own "$pwfile"
  as_pg "$(pg_bin)/initdb" -D "$data" -U postgres -A scram-sha-256 --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
}

# pg_uses_trust DATA_DIR: whether any pg_hba.conf line still lets a local user in without a password.
pg_uses_trust() {
  grep -Eq '^[[:space:]]*(local|host)[^#]*[[:space:]]trust([[:space:]]|$)' "$1/pg_hba.conf"
}

# A random password of 48 hex characters: nothing in it needs quoting in SQL or in a connection string.
random_password() {
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'
}

# pg_service_role SOCKET_DIR PORT: the role "verification" (login with $VERIFICATION_DB_PASSWORD, no superuser) owns
# the database "verification" and everything in it that the superuser made (a database from an earlier run.sh, which
# connected as postgres). Connects as postgres with $POSTGRES_SUPERUSER_PASSWORD. Safe to repeat.
pg_service_role() {
  local super=(psql -X -q -t -A -v ON_ERROR_STOP=1 -h "$1" -p "$2" -U postgres)
  PGPASSWORD="$POSTGRES_SUPERUSER_PASSWORD" "${super[@]}" -d postgres -f - >/dev/null <<SQL
SET password_encryption = 'scram-sha-256';
SELECT 'CREATE ROLE verification' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'verification') \\gexec
ALTER ROLE verification WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '$VERIFICATION_DB_PASSWORD';
SELECT 'CREATE DATABASE verification OWNER verification' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'verification') \\gexec
ALTER DATABASE verification OWNER TO verification;
REVOKE ALL ON DATABASE verification FROM PUBLIC;
SQL
  PGPASSWORD="$POSTGRES_SUPERUSER_PASSWORD" "${super[@]}" -d verification -f - >/dev/null <<'SQL'
DO $$
DECLARE
    item record;
BEGIN
    FOR item IN SELECT nspname FROM pg_namespace
                WHERE nspowner = 'postgres'::regrole AND nspname NOT LIKE 'pg\_%' AND nspname NOT IN ('information_schema', 'public') LOOP
        EXECUTE format('ALTER SCHEMA %I OWNER TO verification', item.nspname);
    END LOOP;
    -- Tables first: their indexes and the sequences of their columns follow them.
    FOR item IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relowner = 'postgres'::regrole AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                  AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema' LOOP
        EXECUTE format('ALTER %s %s OWNER TO verification', CASE item.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, item.name);
    END LOOP;
    FOR item IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relowner = 'postgres'::regrole AND c.relkind = 'S'
                  AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema' LOOP
        EXECUTE format('ALTER SEQUENCE %s OWNER TO verification', item.name);
    END LOOP;
    FOR item IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE p.proowner = 'postgres'::regrole AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema' LOOP
        EXECUTE format('ALTER ROUTINE %s OWNER TO verification', item.name);
    END LOOP;
    FOR item IN SELECT t.oid::regtype AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE t.typowner = 'postgres'::regrole AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND t.typrelid = 0))
                  AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema' LOOP
        EXECUTE format('ALTER TYPE %s OWNER TO verification', item.name);
    END LOOP;
END
$$;
SQL
}

# pg_audit_owner SOCKET_DIR PORT: gives the database "verification"'s audit schema to the NOLOGIN role verification_audit
# and leaves the role "verification" only appending and reading it (verification audit provision, the same code
# ServiceRoleTests runs). Connects as postgres with $POSTGRES_SUPERUSER_PASSWORD. Needs the CLI built. Safe to repeat.
pg_audit_owner() {
  VERIFICATION_DB="Host=$1;Port=$2;Username=postgres;Password=$POSTGRES_SUPERUSER_PASSWORD;Database=verification" \
    dotnet "$root/src/Verification.Cli/bin/Release/net10.0/linux-x64/Verification.Cli.dll" audit provision --service-role verification
}

# pg_start DATA_DIR SOCKET_DIR PORT LOG [extra -c options]: listens on the unix socket and on 127.0.0.1:PORT.
pg_start() {
  local data="$1" socket="$2" port="$3" log="$4"; shift 4
  as_pg "$(pg_bin)/pg_ctl" -D "$data" -l "$log" -w -t 60 \
    -o "-p $port -k $socket -c listen_addresses=127.0.0.1 $*" start >/dev/null
}

pg_stop() {
  as_pg "$(pg_bin)/pg_ctl" -D "$1" -m fast -w stop >/dev/null 2>&1 || true
}

# A free loopback TCP port at or above $1.
# free_port START: the first port from START on that no TCP socket uses, listening or not. Callers start below the
# kernel's ephemeral range (32768 and up), where outgoing connections take their source ports, so a port found free
# cannot be taken by a client connection before the server binds it.
free_port() {
  local port="$1"
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || port_has_socket "$port"; do port=$((port + 1)); done
  echo "$port"
}

port_has_socket() {
  command -v ss >/dev/null && [ -n "$(ss -Htan "( sport = :$1 )" 2>/dev/null)" ]
}

ensure_dotnet() {
  command -v dotnet >/dev/null || { echo "the .NET SDK 10 is required (dotnet not on PATH)" >&2; exit 1; }
}
