#!/usr/bin/env bash
# Executes every notebook headless with the project's tslab kernel into build/notebooks/ (a failing cell fails).
# Usage: npm run notebooks [-- notebooks/01-network.ipynb ...]   (SNN_SCALE=full for paper-scale sizes)
set -euo pipefail
cd "$(dirname "$0")/.."
export JUPYTER_PATH="$PWD/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
mkdir -p build/notebooks
if [ $# -gt 0 ]; then books=("$@"); else books=(notebooks/*.ipynb); fi
for nb in "${books[@]}"; do
  echo "executing $nb" >&2
  jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=tslab \
    --ExecutePreprocessor.timeout=7200 --output-dir build/notebooks "$nb"
done
