#!/usr/bin/env bash
# Runs every test file under test/ with node's test runner (TAP output; CI reads its "# pass" / "# fail" lines).
# On Node 20 a folder argument silently runs nothing, so the files are listed with a glob.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s globstar nullglob
files=(test/**/*.test.ts)
if [ ${#files[@]} -eq 0 ]; then echo "no test files found under test/" >&2; exit 1; fi
# Every temporary file and folder of the tests (os.tmpdir(), chromium's and Jupyter's too) goes under one folder,
# removed when the run ends: a run leaves nothing behind in /tmp.
scratch="$(mktemp -d "${TMPDIR:-/tmp}/snn-tests-XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
export TMPDIR="$scratch"
node --import tsx --test --test-reporter=tap "${files[@]}"
