#!/usr/bin/env bash
# `npm run test:package`: the package as a user installs it. npm pack, install the tarball into a scratch project
# (the npm registry only; no overrides, no danfojs, none of the optional peers until the kernel's tslab), then with
# plain node (no tsx) train a tiny network (whole and
# split across 2 threads) and run a two-cell sweep, check the optional tables entry's message, and execute a small notebook from outside the repository
# with the kernel `snn kernel` installs. Needs jupyter-nbconvert and jupyter-client (apt), like the notebooks.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
cd "$root"
npm pack --silent --pack-destination "$work" >/dev/null
tarball="$(ls "$work"/snn-workbook-*.tgz)"
mkdir "$work/project" && cd "$work/project"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error "$tarball" >/dev/null
fail() { echo "package test: $*" >&2; exit 1; }

node -e '
const snn = require("snn-workbook");
const { train: digits, test } = snn.loadMnist({ train: 200, test: 100 });
const net = new snn.Network({ neurons: 20, seed: 1, preset: snn.DIEHL_COOK_2015 });
const stats = snn.train(net, digits);
if (!(stats.samples === 200)) throw new Error("trained " + JSON.stringify(stats));
console.log("plain node: trained 20 neurons on 200 digits");
const split = snn.SplitNetwork.create({ neurons: 20, seed: 1, threads: 2 });
const again = new snn.Network({ neurons: 20, seed: 1 });
const a = snn.train(split, digits, { samples: 30 }), b = snn.train(again, digits, { samples: 30 });
split.close();
if (a.excSpikes !== b.excSpikes) throw new Error("split network: " + a.excSpikes + " spikes, whole network " + b.excSpikes);
console.log("plain node: a network split across 2 threads (worker threads from dist/) trains as a whole one");
' || fail "the library does not load or train with plain node"

npx --no-install snn sweep --neurons 10 --seeds 1 --train 50,100 --test 50 --workers 2 --out store >/dev/null
node -e '
const lines = require("fs").readFileSync("store/records.jsonl", "utf8").trim().split("\n").map((l) => JSON.parse(l));
const want = require("snn-workbook/package.json");
if (lines.length !== 2) throw new Error(lines.length + " records, not 2");
if (lines.some((r) => r.code !== want.name + "@" + want.version)) throw new Error("code version " + lines[0].code);
console.log("snn sweep: 2 cells stored, code " + lines[0].code);
' || fail "the installed snn command's sweep"

# a TypeScript consumer without the optional peer dependencies (no playwright-core, no danfojs): its tsc, without
# skipLibCheck, accepts the published types of the main entry
npm install --no-audit --no-fund --loglevel=error @types/node@20 >/dev/null
cat > consumer.ts <<'TS'
import { Network, DIEHL_COOK_2015, loadRecords, saveFigure, FigureWriter, READOUTS } from "snn-workbook";
const net: Network = new Network({ neurons: 4, seed: 1, preset: DIEHL_COOK_2015 });
console.log(net.neurons, typeof loadRecords, typeof saveFigure, typeof FigureWriter, READOUTS.length);
TS
node "$root/node_modules/typescript/bin/tsc" --noEmit --strict --target es2022 --module nodenext --moduleResolution nodenext consumer.ts \
  || fail "a consumer's tsc rejects the published types"
echo "types: a consumer's tsc (strict, no skipLibCheck, no optional peers) accepts them"
if node -e 'require("snn-workbook/tables")' 2>"$work/tables.err"; then fail "the tables entry loaded without danfojs-node"; fi
grep -q "needs danfojs-node, an optional peer dependency" "$work/tables.err" || fail "the tables entry's error does not say what to install: $(cat "$work/tables.err")"
echo "tables entry: says to install danfojs-node"

# the queue and the notebook kernel need optional peers (bullmq, tslab): without them, their commands say what to install
if SNN_QUEUE_URL=redis://127.0.0.1:9 npx --no-install snn sweep --neurons 10 --seeds 1 --train 50 --test 50 --out qstore 2>"$work/queue.err"; then fail "a queued sweep ran without bullmq"; fi
grep -q "needs the npm package bullmq" "$work/queue.err" || fail "the queue's error does not say what to install: $(cat "$work/queue.err")"
if npx --no-install snn kernel --dir "$work/jupyter" 2>"$work/kernel.err"; then fail "snn kernel ran without tslab"; fi
grep -q "npm install tslab" "$work/kernel.err" || fail "snn kernel's error does not say what to install: $(cat "$work/kernel.err")"
echo "optional peers: the queue and the kernel say what to install"
npm install --no-audit --no-fund --loglevel=error tslab@1.0.22 >/dev/null
npx --no-install snn kernel --dir "$work/jupyter" >/dev/null
cat > outside.ipynb <<'NB'
{"cells": [{"cell_type": "code", "execution_count": null, "id": "a", "metadata": {}, "outputs": [], "source": "import { Network, DIEHL_COOK_2015, loadMnist, train, respond, assignFromResponses } from \"snn-workbook\";\nconst { train: digits } = loadMnist({ train: 100, test: 10 });\nconst net = new Network({ neurons: 10, seed: 2, preset: DIEHL_COOK_2015 });\ntrain(net, digits);\nconsole.log(`outside notebook: ${net.neurons} neurons trained`);"},
  {"cell_type": "code", "execution_count": null, "id": "b", "metadata": {}, "outputs": [], "source": "import { showMarkdown } from \"snn-workbook/notebook\";\nimport { FASHION_CLASSES } from \"snn-workbook/data/fashion\";\nshowMarkdown(`entries: ${FASHION_CLASSES.length} garment classes`);"}],
 "metadata": {"kernelspec": {"display_name": "TypeScript (snn-workbook-package)", "language": "typescript", "name": "snn-workbook-package"}}, "nbformat": 4, "nbformat_minor": 5}
NB
JUPYTER_PATH="$work/jupyter" jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=snn-workbook-package \
  --ExecutePreprocessor.timeout=300 --output executed.ipynb outside.ipynb 2>"$work/nbconvert.err" || fail "the notebook outside the repository: $(tail -20 "$work/nbconvert.err")"
grep -q "outside notebook: 10 neurons trained" executed.ipynb && grep -q "entries: 10 garment classes" executed.ipynb || fail "the notebook outside the repository printed: $(cat executed.ipynb)"
echo "notebook outside the repository: executed with the installed kernel"
echo "package test passed ($(basename "$tarball"))"
