#!/usr/bin/env bash
# Installs the project's Jupyter kernel "snn-workbook" for the current user (~/.local/share/jupyter/kernels), with the
# project's absolute path, so that Jupyter, JupyterLab and VS Code started anywhere offer it (no JUPYTER_PATH needed).
# The kernel runs tslab from this checkout with the project root as its working directory (notebooks import ./src/...).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${JUPYTER_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/jupyter}/kernels/snn-workbook"
mkdir -p "$dir"
node -e '
const [root, file] = process.argv.slice(1);
const spec = {
  // tslab resolves the ./src/... imports of the notebooks from its working directory: the project root. The root is
  // an argument of the shell ($1), never part of its script: any folder name works and none is run as a command.
  argv: ["sh", "-c", `cd "$1" && exec node_modules/.bin/tslab kernel --config-path "$2"`, "sh", root, "{connection_file}"],
  display_name: "TypeScript (snn-workbook)",
  language: "typescript",
};
require("fs").writeFileSync(file, JSON.stringify(spec, null, 1) + "\n");
' "$root" "$dir/kernel.json"
echo "installed kernel snn-workbook in $dir (runs $root/node_modules/.bin/tslab)" >&2
