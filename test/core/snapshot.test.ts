import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Network } from "../../src/core/network";
import { DIEHL_COOK_2015 } from "../../src/core/params";
import { decodeNetworkState, encodeNetworkState, loadNetwork, saveNetwork } from "../../src/core/snapshot";
import { loadMnist } from "../../src/data/mnist";
import { fileCheckpointer } from "../../src/experiment/checkpoint";

function trained(): Network {
  const { train } = loadMnist({ train: 5 });
  const net = new Network({ neurons: 12, seed: 3, preset: DIEHL_COOK_2015 });
  for (let d = 0; d < 5; d++) net.present(train.images.subarray(d * 784, (d + 1) * 784), true);
  return net;
}

test("network files carry a checksum: a flipped byte, a truncated file or a damaged header is refused, naming the file", () => {
  const dir = mkdtempSync(join(tmpdir(), "snn-file-"));
  const path = join(dir, "net.snn");
  const net = trained();
  saveNetwork(net, path);
  assert.deepEqual(loadNetwork(path).exportState(), net.exportState());
  const bytes = readFileSync(path);
  const flipped = Buffer.from(bytes);
  flipped[bytes.length - 1000] ^= 0x10; // inside the arrays
  assert.throws(() => decodeNetworkState(flipped, "flipped.snn"), /^Error: flipped\.snn: checksum mismatch/);
  assert.throws(() => decodeNetworkState(bytes.subarray(0, bytes.length - 40), "cut.snn"), /^Error: cut\.snn: truncated: array \w+ needs bytes up to/);
  assert.throws(() => decodeNetworkState(bytes.subarray(0, 20), "short.snn"), /^Error: short\.snn: truncated: the header needs/);
  const header = Buffer.from(bytes);
  header[12] = 0x78; // "x" for the JSON header's opening brace
  assert.throws(() => decodeNetworkState(header, "head.snn"), /^Error: head\.snn: corrupt header \(not JSON/);
  assert.throws(() => decodeNetworkState(Buffer.from("not a network"), "text.snn"), /^Error: text\.snn: not a snn-workbook network file/);
});

test("network files are checked for impossible values even with a valid checksum", () => {
  const state = trained().exportState();
  const bad = (patch: (s: typeof state) => void, message: RegExp) => {
    const s = structuredClone(state);
    patch(s);
    assert.throws(() => decodeNetworkState(encodeNetworkState(s), "bad.snn"), message);
  };
  bad((s) => (s.arrays.weights[7] = NaN), /bad\.snn: weights\[7\] is NaN: values must be finite and >= 0/);
  bad((s) => (s.arrays.theta[2] = -1), /bad\.snn: theta\[2\] is -1/);
  bad((s) => (s.arrays.v[0] = Infinity), /bad\.snn: v\[0\] is Infinity: values must be finite/);
  bad((s) => (s.arrays.theta = s.arrays.theta.subarray(0, 5)), /bad\.snn: theta must hold 12 values for 12 neurons, got 5/);
  bad((s) => (s.neurons = 1.5), /bad\.snn: neurons must be a whole number >= 1, got 1\.5/);
  bad((s) => (s.totals.digits = -3), /bad\.snn: totals\.digits must be a finite number >= 0, got -3/);
  bad((s) => ((s as { preset: unknown }).preset = { ...s.preset, normWhen: "never" }), /bad\.snn: its preset is invalid: .*normWhen must be/);
});

test("a damaged checkpoint is set aside and reported; the run starts again instead of resuming from it", () => {
  const dir = mkdtempSync(join(tmpdir(), "snn-ckpt-"));
  const reports: string[] = [];
  const ckpt = fileCheckpointer(dir, "run1", { onCorrupt: (m) => reports.push(m) });
  ckpt.save(trained(), 1.5);
  assert.equal(ckpt.load()!.meta!.trainSeconds, 1.5);
  const path = join(dir, "checkpoints", "run1.snn");
  const bytes = readFileSync(path);
  bytes[bytes.length - 2000] ^= 1;
  writeFileSync(path, bytes);
  assert.equal(ckpt.load(), undefined);
  assert.equal(existsSync(path), false);
  const aside = readdirSync(join(dir, "checkpoints")).filter((f) => f.startsWith("run1.snn.corrupt-"));
  assert.equal(aside.length, 1);
  assert.equal(reports.length, 1);
  assert.match(reports[0], /run1\.snn: checksum mismatch.*set aside as .*run1\.snn\.corrupt-\d+, the run starts again/);
  mkdirSync(join(dir, "x"), { recursive: true });
});
