import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Network } from "../../src/core/network";
import { createHash } from "node:crypto";
import { STATE_ARRAYS } from "../../src/core/networkState";
import { DIEHL_COOK_2015, DIEHL_COOK_2015_RELEASED, withRule } from "../../src/core/params";
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
  // against the state table (networkState.ts STATE_ARRAYS)
  bad((s) => ((s.arrays as unknown as Record<string, unknown>).weights = new Uint8Array(784 * 12)), /bad\.snn: weights is stored as u8; it must be f32/);
  bad((s) => ((s.arrays as unknown as Record<string, unknown>).extra = new Int32Array(3)), /bad\.snn: unknown array extra/);
  bad((s) => delete (s.arrays as unknown as Record<string, unknown>).ge, /bad\.snn: the array ge is missing/);
  bad((s) => (s.arrays.selfList = Int32Array.of(12)), /bad\.snn: selfList\[0\] is 12: indices must lie in \[0, 12\)/);
  bad((s) => (s.arrays.recentPre = Int32Array.of(5, 784)), /bad\.snn: recentPre\[1\] is 784: indices must lie in \[0, 784\)/);
  bad((s) => (s.t = -5), /bad\.snn: t must be a whole number >= 0, got -5/);
});

test("network files whose arrays overlap are refused, even with a valid checksum", () => {
  const bytes = Buffer.from(encodeNetworkState(trained().exportState()));
  const headerLength = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.subarray(12, 12 + headerLength).toString("utf8"));
  const theta = header.arrays.find((d: { name: string }) => d.name === "theta");
  theta.offset = 0; // on top of the weights
  const text = Buffer.from(JSON.stringify(header).padEnd(headerLength, " "), "utf8");
  assert.equal(text.length, headerLength);
  const damaged = Buffer.concat([bytes.subarray(0, 12), text, bytes.subarray(12 + headerLength)]);
  const body = damaged.subarray(0, damaged.length - 32);
  const resealed = Buffer.concat([body, createHash("sha256").update(body).digest()]);
  assert.throws(() => decodeNetworkState(resealed, "overlap.snn"), /overlap\.snn: arrays weights and theta overlap in the file/);
});

test("a version-1 file (written before checksums) loads only if it is exactly one: a relabelled version-2 file is refused", () => {
  const state = trained().exportState();
  const bytes = Buffer.from(encodeNetworkState(state));
  const relabelled = Buffer.from(bytes.toString("latin1").replace('"version":2', '"version":1'), "latin1");
  assert.throws(() => decodeNetworkState(relabelled, "v1.snn"), /v1\.snn: its arrays end at byte \d+ but its data ends at byte \d+ \(a version-2 file relabelled as version 1\?\)/);
  const genuine = relabelled.subarray(0, relabelled.length - 32); // no checksum, as version 1 wrote them
  assert.deepEqual(decodeNetworkState(genuine, "v1.snn").arrays.weights, state.arrays.weights);
  assert.throws(() => decodeNetworkState(Buffer.concat([bytes, Buffer.alloc(8)]), "long.snn"), /long\.snn: (checksum mismatch|its arrays end)/);
});

test("the state table lists every array a network exports, and a state is checked against it on loading", () => {
  const kinds = [new Network({ neurons: 9, seed: 1 }), new Network({ neurons: 9, seed: 1, preset: withRule(DIEHL_COOK_2015_RELEASED, "pre-post") })];
  for (const net of kinds) {
    const names = Object.keys(net.exportState().arrays);
    assert.deepEqual(names, STATE_ARRAYS.map((e) => e.name as string).filter((n) => names.includes(n)), "exported in the table's order");
    for (const name of names) assert.ok(STATE_ARRAYS.some((e) => e.name === name), name);
  }
  assert.ok(Object.keys(kinds[1].exportState().arrays).includes("delayPreValue"), "delays and additive traces: their arrays");
  const state = kinds[0].exportState();
  const load = (patch: (s: typeof state) => void) => () => {
    const s = structuredClone(state);
    patch(s);
    Network.fromState(s);
  };
  assert.throws(load((s) => (s.arrays.inhV = new Float64Array(4))), /Network state: inhV must hold 9 values, got 4/);
  assert.throws(load((s) => (s.arrays.inhActive = Int32Array.of(-1))), /Network state: inhActive lists index -1, outside \[0, 9\)/);
  assert.throws(load((s) => ((s.arrays as unknown as Record<string, unknown>).delays = new Uint8Array(784 * 9))), /Network state: it holds delays/);
  assert.throws(load((s) => (s.arrays.theta = new Float32Array(9) as unknown as Float64Array)), /Network state: theta must be f64, got f32/);
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

test("checkpoints keep the previous one: a damaged latest resumes from it, never from the start unless both are damaged", () => {
  const dir = mkdtempSync(join(tmpdir(), "snn-ckpt2-"));
  const reports: string[] = [];
  const ckpt = fileCheckpointer(dir, "run2", { onCorrupt: (m) => reports.push(m) });
  const net = trained();
  ckpt.save(net, 1);
  ckpt.save(net, 2);
  ckpt.save(net, 3);
  assert.deepEqual(readdirSync(join(dir, "checkpoints")).sort(), ["run2.previous.snn", "run2.snn"]);
  const damage = (file: string) => {
    const bytes = readFileSync(join(dir, "checkpoints", file));
    bytes[bytes.length - 2000] ^= 1;
    writeFileSync(join(dir, "checkpoints", file), bytes);
  };
  damage("run2.snn");
  assert.equal(ckpt.load()!.meta!.trainSeconds, 2, "the previous checkpoint");
  assert.match(reports[0], /run2\.snn: checksum mismatch.*the run resumes from the checkpoint before it/);
  ckpt.save(net, 4); // a new latest; the damaged one was set aside, the previous kept
  ckpt.save(net, 5);
  damage("run2.snn");
  damage("run2.previous.snn");
  assert.equal(ckpt.load(), undefined, "both damaged: from the start");
  assert.match(reports[reports.length - 1], /run2\.previous\.snn: checksum mismatch.*the run starts again from its beginning/);
  ckpt.save(net, 6);
  ckpt.save(net, 7);
  ckpt.done(net);
  assert.deepEqual(readdirSync(join(dir, "checkpoints")).filter((f) => !f.includes(".corrupt-")), []);
});
