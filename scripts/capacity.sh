#!/usr/bin/env bash
# The capacity sweep (docs/operations.md, "Load and capacity"): a throwaway PostgreSQL cluster, the Release Host with
# demo data (the demo partner's key and course), then verification load-test enrolling one learner per player through
# the API and running the sweep. Writes out/capacity/load.json, load-sweep.png, host.log and command.txt.
#   scripts/capacity.sh [PLAYERS=25,50,100,200] [STEP_SECONDS=60] [INTERVAL_SECONDS=5] [P99_BOUND_MS=1000] [ANSWER_TYPING_EVERY=12]
# Needs a Release build (./test.sh or dotnet build Verification.sln -c Release) and ../shared/eval-data. Run it on a
# quiet machine: other builds on the same cores show up in every latency figure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh
players="${1:-25,50,100,200}" step_seconds="${2:-60}" interval="${3:-5}" bound="${4:-1000}" answer_every="${5:-12}"
out=out/capacity
data=../shared/eval-data
[ -d "$data/face/lfw" ] && [ -f "$data/keystroke/DSL-StrongPasswordData.csv" ] || { echo "$data is missing (LFW faces, CMU keystrokes)" >&2; exit 2; }
work="$(mktemp -d /tmp/verification-capacity.XXXXXX)"; chmod 755 "$work"
host_pid=""
cleanup() { [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null; [ -f "$work/host.log" ] && cp "$work/host.log" "$out/host.log"; pg_stop "$work/pg"; rm -rf "$work"; }
trap cleanup EXIT INT TERM
mkdir -p "$out" "$work/pg" "$work/socket"; pg_own "$work/pg" "$work/socket"
pg_init "$work/pg" --no-sync
port="$(free_port 29432)"
# One node's pool (Maximum Pool Size=100 below) well under max_connections (docs/operations.md, "Database connections").
pg_start "$work/pg" "$work/socket" "$port" "$work/socket/pg.log" -c fsync=off -c max_connections=300
http_port="$(free_port 29080)"
# The demo partner's key (every scope), in the format the Access module issues; the demo seeder imports it.
api_key="vk_$(tr -dc 'abcdefghijkmnpqrstuvwxyz23456789' < /dev/urandom | head -c 8)_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
course=01935f00-0000-7000-8000-000000000002
# Production logging and no demo page traffic; Development only because the demo seeder is refused in Production.
# The typing phrase is the CMU benchmark's, so the players' typing checks are real typings of it. One partner key
# enrols every player (about 20 calls each), far past a key's default 600 requests a minute: the budget is raised.
export ASPNETCORE_URLS="http://127.0.0.1:$http_port" ASPNETCORE_ENVIRONMENT=Development Demo__Seed=true Demo__ApiKey="$api_key" \
  ConnectionStrings__Verification="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Maximum Pool Size=100" \
  Encryption__ActiveKeyId=m1 Encryption__Keys__m1="$(head -c 32 /dev/urandom | base64)" \
  Proctoring__TokenSigningKey="$(head -c 32 /dev/urandom | base64)" Proctoring__TypingPhrase=.tie5Roanl \
  Audit__Key="$(head -c 32 /dev/urandom | base64)" Serilog__MinimumLevel__Default=Warning \
  Access__ApiKeys__RequestsPerMinute=100000
dotnet src/Verification.Host/bin/Release/net10.0/linux-x64/Verification.Host.dll >"$work/host.log" 2>&1 &
host_pid=$!
ready=""
for _ in $(seq 1 360); do kill -0 "$host_pid" 2>/dev/null || break; curl -fs "http://127.0.0.1:$http_port/health/ready" >/dev/null && ready=1 && break; sleep 0.5; done
[ -n "$ready" ] || { echo "the Host did not get ready:" >&2; tail -n 30 "$work/host.log" >&2; exit 1; }
# The demo seeder imports the key while the Host starts: wait until the key is known.
for _ in $(seq 1 60); do
  curl -fs -o /dev/null "http://127.0.0.1:$http_port/api/v1/identity/status?learnerId=01935f00-0000-7000-8000-000000000004&courseId=$course" \
    -H "X-Api-Key: $api_key" && break; sleep 0.5
done
args=(--url "http://127.0.0.1:$http_port" --api-key "$api_key" --course "$course" --faces "$data/face/lfw"
  --typing "$data/keystroke/DSL-StrongPasswordData.csv" --players "$players" --interval-seconds "$interval"
  --step-seconds "$step_seconds" --p99-bound-ms "$bound" --answer-typing-every "$answer_every" --host-pid "$host_pid" --out "$out")
echo "verification load-test --players $players --interval-seconds $interval --step-seconds $step_seconds --p99-bound-ms $bound --answer-typing-every $answer_every --host-pid PID (commit $(git rev-parse --short HEAD), $(nproc) cores)" | tee "$out/command.txt"
status=0
dotnet src/Verification.Cli/bin/Release/net10.0/linux-x64/Verification.Cli.dll load-test "${args[@]}" || status=$?
echo "wrote $out/load.json and $out/load-sweep.png (load-test exit $status)"
exit "$status"
