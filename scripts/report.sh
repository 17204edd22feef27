#!/usr/bin/env bash
# Converts the executed notebooks in build/notebooks/ to HTML in build/report/, checks that every figure draws, and
# writes an index page with a thumbnail per notebook and a link to the API reference (TypeDoc, build/report/api/).
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
# The API reference, from the TSDoc comments of the package's three entry points (typedoc.json), linked from the index.
rm -rf build/report/api
node node_modules/typedoc/bin/typedoc --treatWarningsAsErrors
echo "report: $PWD/build/report/index.html" >&2
# Every figure of every page must draw in chromium, without console errors; the same script writes the index page
# (title, opening paragraph and a thumbnail of the first figure of each notebook): scripts/check-report.ts.
node --import tsx scripts/check-report.ts build/report
