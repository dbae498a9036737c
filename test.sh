#!/usr/bin/env bash
# Builds with warnings as errors, starts a throwaway PostgreSQL cluster, runs every test project and prints
#   tests: N passed, N failed, N skipped
# ./test.sh PATTERN runs only the tests whose fully qualified name matches the regular expression PATTERN, one project
# after the other; a full run also starts the parts a project's test-parts file names beside them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
root="$PWD"
pattern="${1:-}"
source scripts/lib.sh

ensure_dotnet
ensure_packages postgresql libgtk-3-0 libgomp1 fontconfig fonts-dejavu-core fonts-noto-cjk fonts-noto-core ffmpeg chromium redis-server poppler-utils
scripts/fetch-models.sh
scripts/page-packages.sh

dotnet tool restore >/dev/null

echo "build: Release, warnings as errors"
dotnet build Verification.sln -c Release -warnaserror -nologo -v q

work="$(mktemp -d /tmp/verification-test.XXXXXX)"
chmod 755 "$work"
smtp_pid=""
redis_pid=""
lanes=()
cleanup() {
  for lane in "${lanes[@]}"; do kill "${lane%%:*}" 2>/dev/null || true; done
  [ -n "$smtp_pid" ] && kill "$smtp_pid" 2>/dev/null || true
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null || true
  pg_stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
mkdir -p "$work/pg" "$work/socket"
pg_own "$work/pg" "$work/socket"
pg_init "$work/pg" --no-sync
port="$(free_port 25432)"
pg_start "$work/pg" "$work/socket" "$port" "$work/socket/pg.log" -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300
export VERIFICATION_TEST_PG="Host=$work/socket;Port=$port;Username=postgres;Database=postgres"
export VERIFICATION_TEST_PG_TCP="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
# A real SMTP server the mail tests read from through its HTTP API (smtp4dev, a local dotnet tool; in-memory store).
smtp_port="$(free_port 22525)"
smtp_web="$(free_port 25380)"
dotnet smtp4dev --urls "http://127.0.0.1:$smtp_web" --smtpport "$smtp_port" --imapport "" --pop3port "" --db "" \
  --nousersettings --hostname localhost --messagestokeep 100000 > "$work/smtp4dev.log" 2>&1 &
smtp_pid=$!
for _ in $(seq 1 120); do
  (exec 3<>"/dev/tcp/127.0.0.1/$smtp_web") 2>/dev/null && break
  sleep 0.5
done
export VERIFICATION_TEST_SMTP="127.0.0.1:$smtp_port"
# A shared Redis for the scale-out tests (loopback only, nothing persisted); a test that stops Redis starts its own.
redis_port="$(free_port 26379)"
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no > "$work/redis.log" 2>&1 &
redis_pid=$!
for _ in $(seq 1 60); do
  (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null && break
  sleep 0.5
done
export VERIFICATION_TEST_REDIS="127.0.0.1:$redis_port"
export VERIFICATION_TEST_SMTP_API="http://127.0.0.1:$smtp_web"
export VERIFICATION_TEST_RESULTS="$root/.test-results"
rm -rf "$VERIFICATION_TEST_RESULTS" && mkdir -p "$VERIFICATION_TEST_RESULTS"

# xml_count FILE ATTRIBUTE: the attribute summed over the <assembly> elements of an xunit result file.
xml_count() {
  grep -o '<assembly [^>]*>' "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{s += $1} END {print s + 0}'
}

# failed_tests FILE: a line per failed test in an xunit result file: its name and the start of its message.
failed_tests() {
  awk '
    function unescape(s) { gsub(/&quot;/, "\"", s); gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&amp;/, "\\&", s); return s }
    BEGIN { RS = "<test " }
    NR > 1 {
      head = substr($0, 1, index($0, ">"))
      if (head !~ /result="Fail"/ || !match(head, /(^| )name="[^"]*"/)) next
      name = substr(head, RSTART, RLENGTH); sub(/^ ?name="/, "", name); sub(/"$/, "", name)
      message = ""
      if (match($0, /<message>.*<\/message>/)) {
        message = substr($0, RSTART + 9, RLENGTH - 19)
        sub(/^<!\[CDATA\[/, "", message); sub(/\]\]>$/, "", message)
        gsub(/[ \t\r]*\n[ \t]*/, " | ", message)
      }
      print unescape(name) " -- " substr(unescape(message), 1, 400)
    }
  ' "$1" || true
}

# runner PROJECT: the built test runner of a test project.
runner() { echo "$(dirname "$1")/bin/Release/net10.0/linux-x64/$(basename "$1" .csproj)"; }

# run_part PROJECT PART [FILTER...]: one test process of PROJECT; its xunit results go to PART.xml.
run_part() {
  local project="$1" part="$2"; shift 2
  echo "run: $part"
  "$(runner "$project")" -noLogo -noColor -result-xml "$VERIFICATION_TEST_RESULTS/$part.xml" "$@"
}

# A full run first starts each line of a project's test-parts file (filters of its runner) as its own process, beside
# the other projects run one after the other: those tests mostly wait on real time (a person typing in the browser).
parts=()
for project in tests/*.Tests/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  [ -z "$pattern" ] && [ -f "$(dirname "$project")/test-parts" ] || continue
  index=0
  while read -r -a filters; do
    [ ${#filters[@]} = 0 ] || [[ "${filters[0]}" == \#* ]] && continue
    index=$((index + 1)); part="$name.$index"; parts+=("$part")
    run_part "$project" "$part" "${filters[@]}" > "$VERIFICATION_TEST_RESULTS/$part.log" 2>&1 &
    lanes+=("$!:$part")
  done < "$(dirname "$project")/test-parts"
done
for project in tests/*.Tests/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  filters=()
  if [ -n "$pattern" ]; then
    mapfile -t methods < <("$(runner "$project")" -list methods -noLogo -noColor 2>/dev/null | grep -E -- "$pattern" || true)
    [ ${#methods[@]} = 0 ] && continue
    for m in "${methods[@]}"; do filters+=(-method "$m"); done
  elif [ -f "$(dirname "$project")/test-parts" ]; then
    continue
  fi
  parts+=("$name"); run_part "$project" "$name" "${filters[@]}" || true
done
for lane in "${lanes[@]}"; do
  wait "${lane%%:*}" || true
  cat "$VERIFICATION_TEST_RESULTS/${lane#*:}.log"
done
lanes=()

passed=0 failed=0 skipped=0 failures=()
for part in "${parts[@]}"; do
  xml="$VERIFICATION_TEST_RESULTS/$part.xml"
  if [ -f "$xml" ]; then
    passed=$((passed + $(xml_count "$xml" passed))); skipped=$((skipped + $(xml_count "$xml" skipped)))
    failed=$((failed + $(xml_count "$xml" failed) + $(xml_count "$xml" errors)))
    mapfile -t -O "${#failures[@]}" failures < <(failed_tests "$xml")
  else
    failed=$((failed + 1))
    failures+=("$part (no result file: the test process stopped)")
  fi
done

# Repeated at the end, where a CI log's tail shows them.
for f in "${failures[@]}"; do echo "failed: $f"; done
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
