#!/usr/bin/env bash
# Converts the executed notebooks in build/notebooks/ to HTML in build/report/, with an index page.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
books=(build/notebooks/*.ipynb)
if [ ${#books[@]} -eq 0 ]; then echo "no executed notebooks in build/notebooks: run npm run notebooks first" >&2; exit 1; fi
mkdir -p build/report
jupyter nbconvert --to html --output-dir build/report "${books[@]}"
# The notebooks' figures wait for plotly.js, which saved notebooks do not carry (src/notebook/display.ts): each page
# loads the bundle from a copy next to it.
cp node_modules/plotly.js-dist-min/plotly.min.js build/report/plotly.min.js
for page in build/report/*.html; do
  [ "$(basename "$page")" = index.html ] && continue
  grep -q 'src="plotly.min.js"' "$page" || sed -i 's#</head>#<script type="text/javascript" src="plotly.min.js"></script>\n</head>#' "$page"
done
{
  echo '<!doctype html><html><head><meta charset="utf-8"><title>snn-workbook report</title></head><body>'
  echo '<h1>snn-workbook: executed notebooks</h1><ul>'
  for nb in "${books[@]}"; do name=$(basename "$nb" .ipynb); echo "<li><a href=\"$name.html\">$name</a></li>"; done
  echo '</ul></body></html>'
} > build/report/index.html
echo "report: $PWD/build/report/index.html" >&2
# Every figure of every page must draw in chromium, without console errors (scripts/check-report.ts).
node --import tsx scripts/check-report.ts build/report
