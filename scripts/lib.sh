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

# pg_init DATA_DIR: a new cluster with trust authentication for local connections only.
pg_init() {
  as_pg "$(pg_bin)/initdb" -D "$1" -U postgres -A trust -E UTF8 --locale=C.UTF-8 "${@:2}" >/dev/null
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
free_port() {
  local port="$1"
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

ensure_dotnet() {
  command -v dotnet >/dev/null || { echo "the .NET SDK 10 is required (dotnet not on PATH)" >&2; exit 1; }
}
