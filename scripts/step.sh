# Sourced by .ci/run and scripts/main.sh: `step CMD...` runs CMD and then prints its wall time to stderr.
step() { local t=$SECONDS; "$@"; echo "[$(basename "$0")] $* : $((SECONDS - t)) s" >&2; }
