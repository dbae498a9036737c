#!/usr/bin/env bash
# Measures the Host's memory under N concurrent sessions with the load tool (verification load-test --host-pid):
# a throwaway PostgreSQL cluster, the built Host with demo data, then N players, each a learner enrolled through the
# API with one LFW person's photos (Jacques_Chirac: the first five enrol, the other eight are the webcam frames).
#   scripts/measure-session-memory.sh [CLIENTS=25] [SECONDS=60] [FPS=0.5] [FRAME_SIDE]
# FRAME_SIDE (e.g. 1800) upscales the LFW frames with ffmpeg to about 1 MB each, near the frame size limit, so that
# the frames a session holds dominate what it costs.
# Needs a Release build (./test.sh or dotnet build -c Release) and ../shared/eval-data. Prints the load tool's summary.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh
clients="${1:-25}" seconds="${2:-60}" fps="${3:-0.5}" side="${4:-}"
data=../shared/eval-data
work="$(mktemp -d /tmp/verification-memory.XXXXXX)"; chmod 755 "$work"
host_pid=""
cleanup() { [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null; [ -n "${KEEP_HOST_LOG:-}" ] && cp "$work/host.log" "$KEEP_HOST_LOG"; pg_stop "$work/pg"; rm -rf "$work"; }
trap cleanup EXIT INT TERM
mkdir -p "$work/pg" "$work/socket" "$work/frames"; pg_own "$work/pg" "$work/socket"
pg_init "$work/pg" --no-sync
port="$(free_port 28432)"
pg_start "$work/pg" "$work/socket" "$port" "$work/socket/pg.log" -c fsync=off
http_port="$(free_port 28080)"
# The demo partner's key, in the format the Access module issues; the demo seeder imports it (Demo:ApiKey).
api_key="vk_$(tr -dc 'abcdefghijkmnpqrstuvwxyz23456789' < /dev/urandom | head -c 8)_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
export ASPNETCORE_URLS="http://127.0.0.1:$http_port" ASPNETCORE_ENVIRONMENT=Development Demo__Seed=true Demo__ApiKey="$api_key" \
  ConnectionStrings__Verification="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres" \
  Encryption__ActiveKeyId=m1 Encryption__Keys__m1="$(head -c 32 /dev/urandom | base64)" \
  Proctoring__TokenSigningKey="$(head -c 32 /dev/urandom | base64)" Proctoring__TypingPhrase=.tie5Roanl \
  Audit__Key="$(head -c 32 /dev/urandom | base64)"
dotnet src/Verification.Host/bin/Release/net10.0/linux-x64/Verification.Host.dll >"$work/host.log" 2>&1 &
host_pid=$!
ready=""
for _ in $(seq 1 360); do kill -0 "$host_pid" 2>/dev/null || break; curl -fs "http://127.0.0.1:$http_port/health/ready" >/dev/null && ready=1 && break; sleep 0.5; done
[ -n "$ready" ] || { echo "the Host did not get ready:" >&2; tail -n 30 "$work/host.log" >&2; exit 1; }
learner=01935f00-0000-7000-8000-000000000004 course=01935f00-0000-7000-8000-000000000002
# The demo seeder imports the key while the Host starts: wait until the key is known.
for _ in $(seq 1 60); do
  curl -fs -o /dev/null "http://127.0.0.1:$http_port/api/v1/identity/status?learnerId=$learner&courseId=$course" -H "X-Api-Key: $api_key" && break; sleep 0.5
done
mkdir -p "$work/faces/Jacques_Chirac"
ls "$data/face/lfw/Jacques_Chirac"/*.jpg | sort | head -13 | xargs -I{} cp {} "$work/faces/Jacques_Chirac/"
if [ -n "$side" ]; then
  for f in "$work/faces/Jacques_Chirac"/*.jpg; do ffmpeg -loglevel error -y -i "$f" -vf "scale=$side:$side" -q:v 1 "$f.big.jpg" && mv "$f.big.jpg" "$f"; done
fi
interval="$(python3 -c "print(1/$fps)")"
echo "frames: $(ls "$work/faces/Jacques_Chirac" | wc -l), $(du -cb "$work/faces/Jacques_Chirac"/*.jpg | tail -1 | cut -f1) bytes in all"
echo "command: verification load-test --players $clients --step-seconds $seconds --interval-seconds $interval --host-pid $host_pid (Host pid)"
dotnet src/Verification.Cli/bin/Release/net10.0/linux-x64/Verification.Cli.dll load-test --url "http://127.0.0.1:$http_port" \
  --api-key "$api_key" --course $course --faces "$work/faces" --typing "$data/keystroke/DSL-StrongPasswordData.csv" \
  --players "$clients" --step-seconds "$seconds" --interval-seconds "$interval" --settle-seconds 15 --host-pid "$host_pid" --out out/load-memory
