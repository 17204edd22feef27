import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";

const SNN = join(__dirname, "..", "bin", "snn.js");
const snn = (...args: string[]) => spawnSync(process.execPath, [SNN, ...args], { encoding: "utf8", timeout: 120_000 });

test("snn train rejects invalid arguments with exit code 2 and a message saying what is wrong", () => {
  const cases: [string[], RegExp][] = [
    [["--neurons", "0"], /--neurons must be in \[1, 100000\], got 0/],
    [["--neurons", "-5"], /--neurons must be in \[1, 100000\], got -5/],
    [["--neurons", "abc"], /--neurons must be an integer, got "abc"/],
    [["--neurons", "0x10"], /--neurons must be an integer, got "0x10"/],
    [["--save", require("node:os").tmpdir()], /--save .* is a folder: give a file name/],
    [["--train", "1.5"], /--train must be an integer, got "1.5"/],
    [["--train", "9000"], /--train must be in \[1, 8000\], got 9000/],
    [["--dataset", "cifar"], /--dataset must be one of mnist-10k, mnist-full, fashion-mnist \(mnist: the old name of mnist-10k\), or idx:DIR \(a folder of MNIST-named IDX files\), got "cifar"/],
    [["--dataset", "idx:/nonexistent-folder"], /IDX folder \/nonexistent-folder: neither \/nonexistent-folder\/train-images-idx3-ubyte nor/],
    [["--preset", "brian"], /--preset must be one of diehl-cook-2015, diehl-cook-2015-euler, diehl-cook-2015-released, bindsnet, diehl-cook-2015-n100, diehl-cook-2015-n400, diehl-cook-2015-n1600, diehl-cook-2015-n6400, diehl-cook-2015-n1600-learning, diehl-cook-2015-n6400-learning, hazan-2018-two-level, hazan-2018-growing, hazan-2018-constant, got "brian"/],
    [["--rule", "hebb"], /--rule must be one of triplet, postpre, power-law, exp-weight, pre-post, potentiation-only, got "hebb"/],
    [["--test-repeats", "0"], /--test-repeats must be in \[1, 100\], got 0/],
    [["--test-repeats", "2.5"], /--test-repeats must be an integer, got "2.5"/],
    [["--shuffle", "x"], /--shuffle must be an integer, got "x"/],
    [["--bogus"], /Unknown option '--bogus'/],
    [["--override", "{bad"], /--override must be a JSON object/],
    [["--override", '{"exc":{"tauThetaMS":1e8}}'], /--override: preset override: no preset has a value "exc.tauThetaMS"/],
    [["--neurons", "3", "--threads", "4"], /--threads 4: a network of 3 neurons splits into at most 3 threads/],
    [["--threads", "0"], /--threads must be in \[1, 256\], got 0/],
  ];
  for (const [args, message] of cases) {
    const r = snn("train", ...args);
    assert.equal(r.status, 2, `${args.join(" ")}: exit ${r.status}`);
    assert.match(r.stderr, message);
  }
  const noQueue = spawnSync(process.execPath, [SNN, "worker"], { encoding: "utf8", env: { ...process.env, SNN_QUEUE_URL: "" } });
  assert.equal(noQueue.status, 2);
  assert.match(noQueue.stderr, /--queue URL is required \(or set SNN_QUEUE_URL\)/);
  const keepRemote = snn("sweep", "--queue", "redis://localhost:6379", "--keep-networks", "--neurons", "10");
  assert.equal(keepRemote.status, 2);
  assert.match(keepRemote.stderr, /--keep-networks keeps networks on this machine: not with --queue/);
  const splitRemote = snn("sweep", "--queue", "redis://localhost:6379", "--threads", "2", "--neurons", "10");
  assert.equal(splitRemote.status, 2);
  assert.match(splitRemote.stderr, /--threads is for local sweeps: not with --queue/);
  const badQueue = snn("sweep", "--queue", "http://example.org", "--neurons", "10");
  assert.equal(badQueue.status, 2);
  assert.match(badQueue.stderr, /must start with redis:\/\/ or rediss:\/\//);
  const unknown = snn("fly");
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown command "fly"/);
});

test("snn train --json prints one JSON result on the last stdout line, progress on stderr", () => {
  const r = snn("train", "--neurons", "40", "--train", "400", "--test", "200", "--seed", "3", "--json");
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split("\n");
  const result = JSON.parse(lines[lines.length - 1]);
  for (const key of ["neurons", "dataset", "trainSamples", "testSamples", "seed", "preset", "accuracy", "accuracyProportion",
    "trainSamplesPerSec", "evalSamplesPerSec", "presentationsPerSample"]) {
    assert.ok(key in result, `missing ${key}`);
  }
  assert.equal(result.neurons, 40);
  assert.equal(result.preset, "diehl-cook-2015");
  assert.equal(result.testSamples, 200);
  // 40 neurons after 400 digits learn far above chance (10 %); a broken network would sit near chance.
  assert.ok(result.accuracy > 35 && result.accuracy <= 100, `accuracy ${result.accuracy}`);
  assert.ok(result.presentationsPerSample >= 1);
  assert.match(r.stderr, /train .*400\/400/);
});

test("snn train --test-repeats 3 --preset diehl-cook-2015-n6400: accuracy over 3 presentations, the first one as a run without repeats reports", () => {
  const run = (...extra: string[]) => {
    const r = snn("train", "--neurons", "9", "--train", "60", "--test", "40", "--preset", "diehl-cook-2015-n6400", "--json", ...extra);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout.trim().split("\n").pop()!);
  };
  const three = run("--test-repeats", "3"), one = run();
  assert.equal(three.testRepeats, 3);
  assert.equal(three.preset, "diehl-cook-2015-n6400");
  assert.equal(three.accuracyFirstRepeat, one.accuracy);
  assert.equal(one.testRepeats, undefined);
  // a share of 120 presentations (printed to 0.01 %: within 0.006 of a whole count)
  assert.ok(Math.abs(three.accuracy * 1.2 - Math.round(three.accuracy * 1.2)) < 0.007, `accuracy ${three.accuracy} counts presentations of 120`);
  const text = snn("train", "--neurons", "9", "--train", "60", "--test", "40", "--test-repeats", "2");
  assert.match(text.stdout, /on 40 test digits x 2 presentations/);
  assert.match(text.stdout, /first presentation alone: \d+\.\d\d %/);
});

test("snn train --threads 2: the same result as on one thread, and it says how many threads ran", () => {
  const run = (threads: string) => {
    const r = snn("train", "--neurons", "9", "--train", "60", "--test", "40", "--threads", threads, "--json");
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout.trim().split("\n").pop()!);
  };
  const one = run("1"), two = run("2");
  assert.equal(two.threads, 2);
  for (const key of ["accuracy", "accuracyProportion", "excSpikesPerSample", "testSpikesPerSample", "trainCostSynOps", "testCostSynOps"]) {
    assert.equal(two[key], one[key], key);
  }
});

test("snn summary prints mean, sd and n over seeds of a store, and writes CSV", () => {
  const { mkdtempSync, readFileSync } = require("node:fs") as typeof import("node:fs");
  const { tmpdir } = require("node:os") as typeof import("node:os");
  const { ResultsStore } = require("../src/experiment/store") as typeof import("../src/experiment/store");
  const dir = mkdtempSync(join(tmpdir(), "summary-"));
  const store = ResultsStore.open(dir);
  const base = { runId: "r", preset: "diehl-cook-2015", dataset: "mnist", neurons: 100, trainedSamples: 8000, epochsDone: 1, accuracyProportion: 80 };
  store.append({ ...base, cellId: "a", seed: 1, accuracy: 78 } as never);
  store.append({ ...base, cellId: "b", seed: 2, accuracy: 80 } as never);
  const r = snn("summary", "--out", dir, "--json", "--csv", join(dir, "summary.csv"));
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split("\n").pop()!);
  assert.equal(out.summary[0].accuracyMean, 79);
  assert.ok(Math.abs(out.summary[0].accuracySd - Math.SQRT2) < 1e-12);
  assert.equal(out.summary[0].n, 2);
  assert.match(readFileSync(join(dir, "summary.csv"), "utf8"), /^preset,evaluatedOn,trainOrder,dataset,neurons,trainedSamples/);
});

test("snn sweep --plan runs several sweeps in order into one store", () => {
  const { mkdtempSync, writeFileSync } = require("node:fs") as typeof import("node:fs");
  const { tmpdir } = require("node:os") as typeof import("node:os");
  const dir = mkdtempSync(join(tmpdir(), "plan-"));
  const plan = [
    { neurons: [20], seeds: [1], preset: "diehl-cook-2015", dataset: "mnist", trainAmounts: [150, 300], testSamples: 100, labelSamples: 300 },
    { neurons: [20], seeds: [1], preset: "bindsnet", dataset: "mnist", trainAmounts: [300], testSamples: 100 },
  ];
  writeFileSync(join(dir, "plan.json"), JSON.stringify(plan));
  const r = snn("sweep", "--plan", join(dir, "plan.json"), "--out", join(dir, "store"), "--workers", "1", "--json");
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split("\n").pop()!);
  assert.deepEqual(out.summary.map((x: { preset: string; trainedSamples: number }) => [x.preset, x.trainedSamples]),
    [["bindsnet", 300], ["diehl-cook-2015", 150], ["diehl-cook-2015", 300]]);
  // an override is its own preset: its own rows, its own hash, its values in presets.json
  const o = snn("sweep", "--neurons", "20", "--seeds", "1", "--train", "300", "--test", "100", "--labels", "300",
    "--override", '{"exc":{"thetaPlusMv":0.1}}', "--keep-networks", "--out", join(dir, "store"), "--workers", "1", "--json");
  assert.equal(o.status, 0, o.stderr);
  const label = "diehl-cook-2015+exc.thetaPlusMv=0.1";
  assert.deepEqual(JSON.parse(o.stdout.trim().split("\n").pop()!).summary.map((x: { preset: string }) => x.preset), [label]);
  const { readFileSync } = require("node:fs") as typeof import("node:fs");
  const records = readFileSync(join(dir, "store", "records.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  const overridden = records.filter((x: { preset: string }) => x.preset === label);
  assert.equal(overridden.length, 1);
  const presets = JSON.parse(readFileSync(join(dir, "store", "presets.json"), "utf8"));
  assert.equal(presets[overridden[0].presetHash].exc.thetaPlusMv, 0.1);
  assert.equal(presets[overridden[0].presetHash].name, label);
  // --keep-networks: the completed run's network, with its preset and the digits it trained on
  const { loadNetwork } = require("../src/core/snapshot") as typeof import("../src/core/snapshot");
  const kept = loadNetwork(join(dir, "store", "networks", `${overridden[0].runId}.snn`));
  assert.equal(kept.totals.digits, 300);
  assert.equal(kept.preset.exc.thetaPlusMv, 0.1);
  assert.equal(kept.neurons, 20);
  writeFileSync(join(dir, "bad.json"), JSON.stringify([{ neurons: [20] }]));
  const bad = snn("sweep", "--plan", join(dir, "bad.json"));
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /sweep 1 has no "seeds"/);
});

test("two sweeps started on one --out after a killed sweep left its lock: one writes, no record is stored twice", async () => {
  const { mkdtempSync, readFileSync, writeFileSync, mkdirSync } = require("node:fs") as typeof import("node:fs");
  const { tmpdir } = require("node:os") as typeof import("node:os");
  const { spawn } = require("node:child_process") as typeof import("node:child_process");
  const out = join(mkdtempSync(join(tmpdir(), "snn-two-")), "store");
  mkdirSync(out);
  const gone = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" }).stdout.trim();
  writeFileSync(join(out, ".lock"), `${gone}\n`);
  const args = [SNN, "sweep", "--neurons", "10", "--seeds", "2", "--train", "100", "--test", "50", "--labels", "100", "--out", out, "--workers", "1"];
  const results = await Promise.all([0, 1].map(() => new Promise<{ status: number | null; stderr: string }>((done) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => done({ status, stderr }));
  })));
  assert.ok(results.some((r) => r.status === 0), results.map((r) => r.stderr).join("\n"));
  for (const r of results) if (r.status !== 0) assert.match(r.stderr, /is being written by process \d+/);
  const cells = readFileSync(join(out, "records.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l).cellId);
  assert.equal(cells.length, 2);
  assert.equal(new Set(cells).size, cells.length);
});

test("snn summary refuses a folder that holds no store; damaged records and presets.json are named", () => {
  const { mkdtempSync, writeFileSync } = require("node:fs") as typeof import("node:fs");
  const { tmpdir } = require("node:os") as typeof import("node:os");
  const missing = snn("summary", "--out", join(tmpdir(), "no-such-store-here"));
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no results store at .*no-such-store-here \(it has no records\.jsonl\)/);
  const dir = mkdtempSync(join(tmpdir(), "snn-nullacc-"));
  writeFileSync(join(dir, "records.jsonl"), '{"cellId":"a","accuracy":null}\n');
  const nullAccuracy = snn("summary", "--out", dir);
  assert.notEqual(nullAccuracy.status, 0);
  assert.match(nullAccuracy.stderr, /records\.jsonl: line 1: accuracy must be a number in \[0, 100\], got null/);
  const store = mkdtempSync(join(tmpdir(), "snn-presets-"));
  writeFileSync(join(store, "presets.json"), "{broken");
  const sweep = snn("sweep", "--neurons", "5", "--seeds", "1", "--train", "10", "--test", "10", "--labels", "10", "--out", store, "--workers", "1");
  assert.notEqual(sweep.status, 0);
  assert.match(sweep.stderr, /presets\.json is not valid JSON .*delete it and it is rebuilt from the records/);
});

test("a results folder that cannot be created is an error naming it, not a hang (/proc)", { skip: require("node:fs").existsSync("/proc/self") ? false : "no /proc here" }, () => {
  const r = spawnSync(process.execPath, [SNN, "sweep", "--neurons", "5", "--seeds", "1", "--train", "10", "--test", "10", "--labels", "10",
    "--out", "/proc/snn-workbook-test/store", "--workers", "1"], { encoding: "utf8", timeout: 30_000 });
  assert.equal(r.signal, null, "it must not hang");
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /cannot create the folder \/proc\/snn-workbook-test\/store/);
});

test("--dataset idx:DIR trains on a user's IDX files; the store names them by path and content hash", () => {
  const { mkdtempSync, writeFileSync, readFileSync } = require("node:fs") as typeof import("node:fs");
  const { tmpdir } = require("node:os") as typeof import("node:os");
  const { encodeIdx } = require("../src/data/idx") as typeof import("../src/data/idx");
  const { loadMnist } = require("../src/data/mnist") as typeof import("../src/data/mnist");
  const dir = mkdtempSync(join(tmpdir(), "snn-idx-"));
  const { train, test: held } = loadMnist({ train: 60, test: 20 });
  const write = (labelsOf: (l: Uint8Array) => Uint8Array) => {
    writeFileSync(join(dir, "train-images-idx3-ubyte"), encodeIdx([60, 28, 28], train.images));
    writeFileSync(join(dir, "train-labels-idx1-ubyte"), encodeIdx([60], labelsOf(train.labels)));
    writeFileSync(join(dir, "t10k-images-idx3-ubyte"), encodeIdx([20, 28, 28], held.images));
    writeFileSync(join(dir, "t10k-labels-idx1-ubyte"), encodeIdx([20], held.labels));
  };
  write((l) => l);
  const r = snn("train", "--dataset", `idx:${dir}`, "--neurons", "10", "--train", "60", "--test", "20", "--json");
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split("\n").pop()!);
  assert.equal(out.dataset, `idx:${dir}`);
  assert.equal(out.trainSamples, 60);
  const tooMany = snn("train", "--dataset", `idx:${dir}`, "--train", "61");
  assert.match(tooMany.stderr, /--train must be in \[1, 60\], got 61/);
  const store = join(dir, "store");
  const sweep = () => snn("sweep", "--dataset", `idx:${dir}`, "--neurons", "10", "--seeds", "1", "--train", "60", "--test", "20", "--labels", "60", "--out", store, "--workers", "1");
  assert.equal(sweep().status, 0);
  write((l) => l.map((x) => (x + 1) % 10)); // other labels, same sizes: other data
  assert.equal(sweep().status, 0);
  const records = readFileSync(join(store, "records.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(records.length, 2);
  assert.deepEqual(records.map((x) => x.dataset), [`idx:${dir}`, `idx:${dir}`]);
  assert.match(records[0].dataHash, /^[0-9a-f]{16}$/);
  assert.notEqual(records[0].dataHash, records[1].dataHash);
  assert.notEqual(records[0].runId, records[1].runId);
});

test("snn --version names the package version and code commit; --help is one line per command", () => {
  const version = snn("--version");
  assert.equal(version.status, 0);
  assert.match(version.stdout, /^snn-workbook \d+\.\d+\.\d+ \(code ([0-9a-f]{12}(\+dirty)?|unknown)\)\n$/);
  const help = snn("--help");
  assert.equal(help.status, 0);
  assert.ok(help.stdout.split("\n").length <= 12, help.stdout);
  for (const command of ["train", "sweep", "worker", "summary"]) assert.match(help.stdout, new RegExp(`^  ${command} +\\S`, "m"));
  assert.match(snn("help", "sweep").stdout, /--plan FILE/);
  assert.match(snn("help", "all").stdout, /--plan FILE[\s\S]*--out DIR/);
  assert.equal(snn().status, 2);
});

test("a sweep's overall line: runs done and an ETA weighted by each run's cost, training in progress counted", () => {
  const { OverallProgress } = require("../src/cli/progress") as typeof import("../src/cli/progress");
  const { runCost } = require("../src/experiment/sweep") as typeof import("../src/experiment/sweep");
  const run = (neurons: number) => ({ neurons, seed: 1, preset: "diehl-cook-2015", dataset: "mnist" as const, trainSamples: 1000, epochs: 1, testSamples: 0, labelSamples: 0, snapshots: [1000] });
  const small = run(100), big = run(1700); // big costs 2000/400 = 5 times small (runCost: digits x (neurons + 300))
  const o = new OverallProgress();
  o.start(2, runCost(small) + runCost(big));
  o.progress(0, big, "train", 500, 1000);
  o.progress(0, big, "labels", 10, 100); // evaluation progress does not move it
  assert.match(o.text(performance.now() + 1), /^sweep: 0 of 2 runs done, 42 % of the work, ETA /);
  o.runDone(0, big);
  o.runDone(1, small);
  assert.match(o.text(), /^sweep: 2 of 2 runs done, 100 % of the work, ETA 0s$/);
});

test("snn sweep --vary: every grid point a preset of its own, on validation digits by default; run again, it computes nothing", () => {
  const { mkdtempSync, readFileSync } = require("node:fs") as typeof import("node:fs");
  const { tmpdir } = require("node:os") as typeof import("node:os");
  const out = join(mkdtempSync(join(tmpdir(), "vary-")), "store");
  const args = ["sweep", "--neurons", "10", "--seeds", "1", "--train", "100", "--test", "50", "--labels", "100", "--out", out, "--workers", "2",
    "--vary", "exc.thetaPlusMv=0.05,0.1", "--vary", "wInhExc=12,17", "--json"];
  const r = snn(...args);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /parameter grid: 4 points \(exc.thetaPlusMv x 2, wInhExc x 2\), evaluated on validation digits/);
  const records = readFileSync(join(out, "records.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(records.map((x: { preset: string }) => x.preset).sort(), [
    "diehl-cook-2015+exc.thetaPlusMv=0.05;wInhExc=12", "diehl-cook-2015+exc.thetaPlusMv=0.05;wInhExc=17",
    "diehl-cook-2015+exc.thetaPlusMv=0.1;wInhExc=12", "diehl-cook-2015+exc.thetaPlusMv=0.1;wInhExc=17"]);
  assert.ok(records.every((x: { evaluatedOn: string }) => x.evaluatedOn === "validation"));
  assert.equal(new Set(records.map((x: { presetHash: string }) => x.presetHash)).size, 4);
  const presets = JSON.parse(readFileSync(join(out, "presets.json"), "utf8"));
  const point = records.find((x: { preset: string }) => x.preset.endsWith("=0.1;wInhExc=12"));
  assert.deepEqual([presets[point.presetHash].exc.thetaPlusMv, presets[point.presetHash].wInhExc], [0.1, 12]);
  assert.equal(JSON.parse(r.stdout.trim().split("\n").pop()!).summary.length, 4, "the summary lists every point");
  const again = snn(...args);
  assert.equal(again.status, 0, again.stderr);
  assert.equal(readFileSync(join(out, "records.jsonl"), "utf8").trim().split("\n").length, 4, "resumed: nothing computed twice");
  assert.match(again.stderr, /4 cells already stored, 0 to compute/);
  const onTest = snn("sweep", "--neurons", "10", "--seeds", "1", "--train", "100", "--test", "50", "--labels", "100", "--out", out, "--workers", "1",
    "--vary", "wInhExc=12", "--on-test");
  assert.equal(onTest.status, 0, onTest.stderr);
  assert.match(onTest.stderr, /evaluated on test digits/);
  const bad: [string[], RegExp][] = [
    [["--vary", "wInhExc"], /--vary wInhExc: expected PATH=V1,V2/],
    [["--vary", "exc.thetaPlus=1,2"], /no preset has a value "exc.thetaPlus"/],
    [["--vary", "wInhExc=1", "--plan", "x.json"], /not with --plan/],
    [["--on-test"], /--on-test goes with --vary/],
    [["--override", '{"wInhExc":10}', "--vary", "wInhExc=12"], /both overridden by the preset/],
  ];
  for (const [extra, message] of bad) {
    const b = snn("sweep", "--neurons", "10", ...extra);
    assert.equal(b.status, 2, `${extra.join(" ")}: exit ${b.status} ${b.stderr}`);
    assert.match(b.stderr, message);
  }
});

test("snn kernel writes a Jupyter kernel that runs the package's tslab with this node, in the notebook's folder", () => {
  const { mkdtempSync, readFileSync, existsSync } = require("node:fs") as typeof import("node:fs");
  const { tmpdir } = require("node:os") as typeof import("node:os");
  const dir = mkdtempSync(join(tmpdir(), "snn-kernel-"));
  const r = snn("kernel", "--dir", dir, "--name", "my-study", "--json");
  assert.equal(r.status, 0, r.stderr);
  const { file } = JSON.parse(r.stdout.trim());
  assert.equal(file, join(dir, "kernels", "my-study", "kernel.json"));
  const spec = JSON.parse(readFileSync(file, "utf8"));
  assert.equal(spec.argv[0], process.execPath);
  assert.ok(existsSync(spec.argv[1]) && /tslab/.test(spec.argv[1]), spec.argv[1]);
  assert.deepEqual(spec.argv.slice(2), ["kernel", "--config-path", "{connection_file}"]);
  assert.equal(spec.display_name, "TypeScript (my-study)");
  const bad = snn("kernel", "--dir", dir, "--name", "a b");
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--name must be letters, digits/);
  for (const name of ["..", ".", ".hidden"]) {
    const up = snn("kernel", "--dir", dir, "--name", name);
    assert.equal(up.status, 2, name);
    assert.match(up.stderr, /not starting with "\."/);
  }
  const proc = snn("kernel", "--dir", "/proc/snn-no-such-folder"); // Node's recursive mkdir never returned here
  assert.equal(proc.status, 1);
  assert.match(proc.stderr, /cannot create the folder \/proc\/snn-no-such-folder/);
});
