#!/usr/bin/env bash
# Starts Verification with a working demo on http://127.0.0.1:5080.
# Installs what is missing (PostgreSQL, the face models, page packages), keeps a private PostgreSQL cluster and the
# demo encryption key under .data/ (git-ignored), migrates, seeds demo data and serves the Host. Ctrl-C stops both.
# VERIFICATION_DB=<Npgsql connection string> uses that PostgreSQL instead of the private cluster.
# VERIFICATION_REDIS=local starts a private redis-server on a loopback port and serves with the SignalR Redis backplane
# (Redis__Configuration=<host:port> uses that Redis instead); unset, the Host is one node without Redis.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
root="$PWD"
source scripts/lib.sh
url="${VERIFICATION_URL:-http://127.0.0.1:5080}"

ensure_dotnet
ensure_packages postgresql libgtk-3-0 libgomp1 fontconfig fonts-dejavu-core fonts-noto-cjk fonts-noto-core redis-server
scripts/fetch-models.sh
scripts/page-packages.sh

mkdir -p .data
chmod 700 .data
# The demo's secrets: generated once, never committed. Production sets these variables itself.
touch .data/keys.env && chmod 600 .data/keys.env
add_secret() { grep -q "^$1=" .data/keys.env || printf '%s=%s\n' "$1" "$2" >> .data/keys.env; }
add_secret Encryption__ActiveKeyId demo1
add_secret Encryption__Keys__demo1 "$(head -c 32 /dev/urandom | base64)"
add_secret Proctoring__TokenSigningKey "$(head -c 32 /dev/urandom | base64)"
add_secret Audit__Key "$(head -c 32 /dev/urandom | base64)"
# The private cluster's passwords: the superuser's stays with this script, the service's goes into VERIFICATION_DB.
add_secret POSTGRES_SUPERUSER_PASSWORD "$(random_password)"
add_secret VERIFICATION_DB_PASSWORD "$(random_password)"
# The demo partner's API key (all scopes): imported by the demo seeder, which keeps only its hash.
add_secret Demo__ApiKey "vk_$(tr -dc 'abcdefghijkmnpqrstuvwxyz23456789' < /dev/urandom | head -c 8)_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
set -a; source .data/keys.env; set +a
export -n POSTGRES_SUPERUSER_PASSWORD VERIFICATION_DB_PASSWORD

cluster_stop=""
if [ -z "${VERIFICATION_DB:-}" ]; then
  # The private cluster: every connection needs a password (scram-sha-256); the superuser's stays with run.sh, the
  # service connects as the role "verification", which owns its database and schemas and is not a superuser.
  # PostgreSQL runs as the postgres user, which may not reach into this checkout (a home folder is often 0700).
  pgroot="$root/.data/pg"
  if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$root/.data" 2>/dev/null; then
    pgroot="/var/lib/verification/$(printf '%s' "$root" | sha256sum | cut -c1-12)"
    mkdir -p "$pgroot" && chmod 755 /var/lib/verification && chmod 700 "$pgroot"
    ln -sfn "$pgroot" "$root/.data/pg"
  fi
  mkdir -p "$pgroot/socket"
  # A cluster outlives a deleted checkout under /var/lib/verification; one made with another superuser password than
  # .data/keys.env holds cannot be entered, so it is set aside (not deleted) and a new one is made.
  fingerprint="$(printf '%s' "$POSTGRES_SUPERUSER_PASSWORD" | sha256sum | cut -c1-64)"
  if [ -f "$pgroot/data/PG_VERSION" ] && [ -f "$pgroot/secret.sha256" ] && [ "$(cat "$pgroot/secret.sha256")" != "$fingerprint" ]; then
    echo "database: the cluster in $pgroot was made with other secrets than .data/keys.env; setting it aside"
    as_pg "$(pg_bin)/pg_ctl" -D "$pgroot/data" stop -m fast >/dev/null 2>&1 || true
    mv "$pgroot/data" "$pgroot/data.set-aside.$(date +%Y%m%d%H%M%S)"
    rm -f "$pgroot/port"
  fi
  if [ ! -f "$pgroot/data/PG_VERSION" ]; then
    echo "database: creating a private PostgreSQL cluster in .data/pg"
    mkdir -p "$pgroot/data"
    pg_own "$pgroot"
    pg_init_scram "$pgroot/data" "$POSTGRES_SUPERUSER_PASSWORD"
    echo "$fingerprint" > "$pgroot/secret.sha256"
  fi
  # Only the cluster's user (and so the service's: the same user, or root over postgres) reaches the socket.
  pg_own "$pgroot" "$pgroot/socket"
  chmod 700 "$pgroot" "$pgroot/socket"
  port="$(cat "$pgroot/port" 2>/dev/null || true)"
  if ! as_pg "$(pg_bin)/pg_ctl" -D "$pgroot/data" status >/dev/null 2>&1; then
    [ -n "$port" ] || port="$(free_port 25433)"
    echo "$port" > "$pgroot/port"
    # The service's pool (Maximum Pool Size below) plus the CLI and psql stay under max_connections (docs/operations.md,
    # "Database connections").
    pg_start "$pgroot/data" "$pgroot/socket" "$port" "$pgroot/socket/postgres.log" -c unix_socket_permissions=0700 -c max_connections=120
    cluster_stop="$pgroot/data"
  fi
  if pg_uses_trust "$pgroot/data"; then
    # A cluster made by an earlier run.sh let every local user in as the superuser: give postgres a password, then
    # ask for passwords everywhere.
    echo "database: switching the private cluster from trust to scram-sha-256 passwords"
    psql -X -q -v ON_ERROR_STOP=1 -h "$pgroot/socket" -p "$port" -U postgres -d postgres -f - >/dev/null <<SQL
SET password_encryption = 'scram-sha-256';
ALTER ROLE postgres PASSWORD '$POSTGRES_SUPERUSER_PASSWORD';
SQL
    sed -i -E '/^[[:space:]]*(local|host)/ s/[[:space:]]trust([[:space:]]|$)/ scram-sha-256\1/' "$pgroot/data/pg_hba.conf"
    as_pg "$(pg_bin)/pg_ctl" -D "$pgroot/data" reload >/dev/null
    sleep 1
  fi
  pg_service_role "$pgroot/socket" "$port"
  export VERIFICATION_DB="Host=$pgroot/socket;Port=$port;Username=verification;Password=$VERIFICATION_DB_PASSWORD;Database=verification;Maximum Pool Size=100"
fi

# A local SMTP server with a web inbox (smtp4dev, a dotnet tool of this repository) receives the programs' mails.
dotnet tool restore >/dev/null
smtp_port="${VERIFICATION_SMTP_PORT:-$(free_port 22526)}"
smtp_web="${VERIFICATION_SMTP_WEB:-$(free_port 25381)}"
dotnet smtp4dev --urls "http://127.0.0.1:$smtp_web" --smtpport "$smtp_port" --imapport "" --pop3port "" --db "" \
  --nousersettings --hostname localhost > .data/smtp4dev.log 2>&1 &
smtp_pid=$!
export Smtp__Host=127.0.0.1 Smtp__Port="$smtp_port" Programs__PublicBaseUrl="$url"

redis_pid=""
if [ "${VERIFICATION_REDIS:-}" = local ] && [ -z "${Redis__Configuration:-}" ]; then
  redis_port="$(free_port 26380)"
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no > .data/redis.log 2>&1 &
  redis_pid=$!
  export Redis__Configuration="127.0.0.1:$redis_port"
  echo "redis: a private redis-server on 127.0.0.1:$redis_port (the SignalR backplane)"
fi

stop() {
  kill "$smtp_pid" 2>/dev/null || true
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null || true
  [ -n "$cluster_stop" ] && { echo "database: stopping the private cluster"; pg_stop "$cluster_stop"; }
  return 0
}
trap stop EXIT

echo "build: Verification.Host and the CLI (Release)"
dotnet build src/Verification.Host -c Release -nologo -v q -clp:NoSummary
dotnet build src/Verification.Cli -c Release -nologo -v q -clp:NoSummary
if [ -n "${pgroot:-}" ]; then
  # The audit log's tables belong to a role the service cannot become: it appends, it cannot drop or alter them.
  pg_audit_owner "$pgroot/socket" "$port"
fi

cat <<EOT

Verification is starting on $url
  course player demo  $url/player/
  reviewer console    $url/reviewer/ (sign in as reviewer@example.org, printed below with its one-time password)
  program admin page  $url/programs/ (sign in as Acme's program admin, printed below with its one-time password)
  mail inbox          http://127.0.0.1:$smtp_web (smtp4dev: invitation, welcome and exit mails)
  API reference       $url/scalar/v1
  API document        $url/openapi/v1.json
  readiness           $url/health/ready
  demo partner        01935f00-0000-7000-8000-000000000001, API key $Demo__ApiKey
                      (learner 01935f00-0000-7000-8000-000000000004, course 01935f00-0000-7000-8000-000000000002)
  LTI 1.3 tool        login initiation $url/lti/login, launch (redirect) $url/lti/launch, JWKS $url/lti/jwks.json
                      (with the public key as JSON: $url/lti/tool; registering an LMS: docs/lti.md)
Ctrl-C stops the service and its database.

EOT
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Demo__Seed=true
dotnet src/Verification.Host/bin/Release/net10.0/linux-x64/Verification.Host.dll \
  --contentRoot "$root/src/Verification.Host" --urls "$url" || true
