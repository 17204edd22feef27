#!/usr/bin/env bash
# Builds dist/ (the notebooks import it), then executes every notebook headless with the project's kernel
# (snn-workbook) into build/notebooks/ (a failing cell fails).
# Usage: npm run notebooks [-- notebooks/01-network.ipynb ...]   (SNN_SCALE=full for paper-scale sizes)
set -euo pipefail
cd "$(dirname "$0")/.."
export JUPYTER_PATH="$PWD/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
mkdir -p build/notebooks
# the notebooks import the compiled build (dist/): build it from the current sources first
bash scripts/build.sh
if [ $# -gt 0 ]; then books=("$@"); else books=(notebooks/*.ipynb); fi
for nb in "${books[@]}"; do
  echo "executing $nb" >&2
  jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=snn-workbook \
    --ExecutePreprocessor.timeout=7200 --output-dir build/notebooks "$nb"
  # tslab sends no execute_input message, from which nbconvert takes a cell's execution count: number the executed
  # cells in their order of execution (top to bottom), as a kernel that sent it would have.
  /usr/bin/python3 - "build/notebooks/$(basename "$nb")" <<'PY'
import json, sys
path = sys.argv[1]
nb = json.load(open(path))
count = 0
for cell in nb["cells"]:
    if cell["cell_type"] == "code":
        count += 1
        if cell.get("execution_count") is None:
            cell["execution_count"] = count
            for out in cell.get("outputs", []):
                if out.get("output_type") == "execute_result":
                    out["execution_count"] = count
json.dump(nb, open(path, "w"), indent=1, ensure_ascii=False)
PY
done
