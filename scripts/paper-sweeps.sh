#!/usr/bin/env bash
# The paper-scale sweeps of data/results/paper (issue 6), in order of cost. Each command resumes where it stopped:
# rerun this script (or one line of it) until every run is complete. WORKERS=2 to use both cores.
set -euo pipefail
cd "$(dirname "$0")/.."
W=${WORKERS:-2}
OUT=data/results/paper
snn() { node bin/snn.js "$@"; }
snn sweep --dataset mnist-full --preset diehl-cook-2015 --neurons 100,225,625,900 --seeds 3 --workers "$W" --out "$OUT"
snn sweep --dataset mnist-full --preset bindsnet --neurons 100,400 --seeds 3 --workers "$W" --out "$OUT"
snn sweep --dataset mnist-full --preset diehl-cook-2015 --neurons 400 --epochs 3 --seeds 3 --workers "$W" --out "$OUT"
snn sweep --dataset mnist-full --preset diehl-cook-2015 --neurons 1600 --epochs 7 --seeds 3 --workers "$W" --out "$OUT"
snn sweep --dataset mnist-full --preset diehl-cook-2015 --neurons 6400 --epochs 15 --seeds 3 --workers "$W" --out "$OUT"
