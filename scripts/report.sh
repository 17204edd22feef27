#!/usr/bin/env bash
# Converts the executed notebooks in build/notebooks/ to HTML in build/report/, with an index page.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
books=(build/notebooks/*.ipynb)
if [ ${#books[@]} -eq 0 ]; then echo "no executed notebooks in build/notebooks: run npm run notebooks first" >&2; exit 1; fi
mkdir -p build/report
jupyter nbconvert --to html --output-dir build/report "${books[@]}"
{
  echo '<!doctype html><html><head><meta charset="utf-8"><title>snn-workbook report</title></head><body>'
  echo '<h1>snn-workbook: executed notebooks</h1><ul>'
  for nb in "${books[@]}"; do name=$(basename "$nb" .ipynb); echo "<li><a href=\"$name.html\">$name</a></li>"; done
  echo '</ul></body></html>'
} > build/report/index.html
echo "report: $PWD/build/report/index.html" >&2
