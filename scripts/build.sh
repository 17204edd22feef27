#!/usr/bin/env bash
# `npm run build` (and npm pack, through prepack): the library compiled to dist/ (JavaScript, CommonJS, with .d.ts
# declarations) from src/, plus the files tsc does not emit: the WASM kernels and the worker threads' entry. The
# repository itself runs from src/ (tsx); dist/ is what an installed package runs.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf dist
node node_modules/typescript/bin/tsc -p tsconfig.build.json
cp src/core/wasm/kernels.wasm dist/core/wasm/kernels.wasm
cp src/experiment/worker-entry.js dist/experiment/worker-entry.js
echo "built dist/ ($(find dist -name '*.js' | wc -l) modules)" >&2
