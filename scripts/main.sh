#!/usr/bin/env bash
# The main job on a fresh Debian/Ubuntu machine with Node 20: install the Debian packages (Jupyter's nbconvert,
# jupyter-client and the classic notebook server, chromium, and redis-server, which the tests of the queue start: after
# this script `npm test` skips nothing) and the npm dependencies, write Fashion-MNIST's split, execute every notebook
# headless, write the HTML report.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
source scripts/step.sh   # step CMD: runs CMD, prints its wall time
step $SUDO apt-get update -qq
step $SUDO apt-get install -y -qq --no-install-recommends jupyter-nbconvert jupyter-client jupyter-notebook chromium redis-server >/dev/null
step npm ci --no-audit --no-fund
step npm run data:fashion   # Fashion-MNIST from the npm registry (about 10 s), for notebook 07
step npm run notebooks
step npm run report
echo "open $PWD/build/report/index.html"
