#!/usr/bin/env bash
# The paper-scale sweeps of data/results/paper (issue 6): the plan in data/results/paper/plan.json, run in its order on
# one pool of worker threads (so no core idles between sweeps). Resumes where it stopped: rerun until complete.
# WORKERS=1 leaves a core free.
set -euo pipefail
cd "$(dirname "$0")/.."
exec node bin/snn.js sweep --plan data/results/paper/plan.json --workers "${WORKERS:-2}" --out data/results/paper
