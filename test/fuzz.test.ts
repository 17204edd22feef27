/**
 * Seeded random corruptions of every kind of input the workbench reads: IDX files, network files, checkpoints'
 * bytes, records.jsonl and override JSON. Each case must either be read correctly (the values it yields are valid)
 * or fail with an Error that names the input; none may hang (each test is bounded) or fail with a JavaScript
 * TypeError ("Cannot read properties of undefined"), which would mean an unchecked field.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Network } from "../src/core/network";
import { presetFromLabel, presetLabel } from "../src/core/overrides";
import { DeepPartial, DIEHL_COOK_2015, Preset } from "../src/core/params";
import { decodeNetworkState, encodeNetworkState } from "../src/core/snapshot";
import { loadIdxDigits, loadMnist } from "../src/data/mnist";
import { ResultsStore } from "../src/experiment/store";
import { createRng, Rng } from "../src/random/rng";

const CASES = 60;

/** One random corruption of `bytes`: flip bits, overwrite, truncate, insert or append bytes. */
function corrupt(bytes: Uint8Array, rng: Rng): Uint8Array {
  const out = Buffer.from(bytes);
  const at = rng.nextInt(Math.max(1, out.length));
  switch (rng.nextInt(5)) {
    case 0:
      for (let k = 0; k < 1 + rng.nextInt(4); k++) out[rng.nextInt(out.length)] ^= 1 << rng.nextInt(8);
      return out;
    case 1:
      for (let k = 0; k < 1 + rng.nextInt(8) && at + k < out.length; k++) out[at + k] = rng.nextInt(256);
      return out;
    case 2:
      return out.subarray(0, at);
    case 3:
      return Buffer.concat([out.subarray(0, at), Buffer.from(Array.from({ length: 1 + rng.nextInt(16) }, () => rng.nextInt(256))), out.subarray(at)]);
    default:
      return Buffer.concat([out, Buffer.from(Array.from({ length: 1 + rng.nextInt(64) }, () => rng.nextInt(256)))]);
  }
}

/** The case must succeed (then `check` its result) or throw an Error naming `name`, never a TypeError. */
function readsOrNames<T>(name: string, read: () => T, check: (value: T) => void): "read" | "refused" {
  let value: T;
  try {
    value = read();
  } catch (e) {
    assert.ok(e instanceof Error, `${name}: threw a non-Error ${String(e)}`);
    assert.ok(!(e instanceof TypeError), `${name}: a TypeError (an unchecked field): ${e.message}`);
    assert.ok(e.message.includes(name), `${name}: the message does not name the input: ${e.message}`);
    return "refused";
  }
  check(value);
  return "read";
}

function idx(type: number, dims: number[], data: Uint8Array): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE((type << 8) | dims.length, 0);
  dims.forEach((d, k) => header.writeUInt32BE(d, 4 + 4 * k));
  return Buffer.concat([header, Buffer.from(data)]);
}

test("fuzz: corrupted IDX image and label files are read correctly or refused naming the file", { timeout: 60_000 }, () => {
  const rng = createRng(101);
  const dir = mkdtempSync(join(tmpdir(), "fuzz-idx-"));
  const images = idx(8, [6, 28, 28], Uint8Array.from({ length: 6 * 784 }, (_, k) => k % 256));
  const labels = idx(8, [6], Uint8Array.of(0, 1, 2, 3, 4, 9));
  const outcomes = { read: 0, refused: 0 };
  for (let k = 0; k < CASES; k++) {
    const imagePath = join(dir, `images-${k}`), labelPath = join(dir, `labels-${k}`);
    const hitImages = rng.nextInt(2) === 0;
    writeFileSync(imagePath, hitImages ? corrupt(images, rng) : images);
    writeFileSync(labelPath, hitImages ? labels : corrupt(labels, rng));
    const name = hitImages ? imagePath : labelPath;
    outcomes[readsOrNames(name, () => loadIdxDigits(imagePath, labelPath), (d) => {
      assert.equal(d.images.length, d.count * 784, `${name}: images and count disagree`);
      assert.equal(d.labels.length, d.count);
      assert.ok(d.labels.every((l) => l < 10), `${name}: a label outside 0..9 was accepted`);
    })]++;
  }
  assert.ok(outcomes.refused > CASES / 2, JSON.stringify(outcomes));
});

test("fuzz: corrupted network files are refused naming the file (the checksum catches every change)", { timeout: 60_000 }, () => {
  const rng = createRng(202);
  const { train } = loadMnist({ train: 3 });
  const net = new Network({ neurons: 6, seed: 2, preset: DIEHL_COOK_2015 });
  for (let d = 0; d < 3; d++) net.present(train.images.subarray(d * 784, (d + 1) * 784), true);
  const bytes = encodeNetworkState(net.exportState());
  for (let k = 0; k < CASES; k++) {
    const damaged = corrupt(bytes, rng);
    const name = `fuzz-${k}.snn`;
    const same = damaged.length === bytes.length && Buffer.from(damaged).equals(Buffer.from(bytes));
    const outcome = readsOrNames(name, () => Network.fromState(decodeNetworkState(damaged, name)), (loaded) => {
      assert.ok(same, `${name}: a damaged file was loaded`);
      assert.deepEqual(loaded.exportState(), net.exportState());
    });
    if (!same) assert.equal(outcome, "refused");
  }
});

test("fuzz: corrupted records.jsonl lines are read (valid records only) or refused naming the file", { timeout: 60_000 }, () => {
  const rng = createRng(303);
  const lines = Array.from({ length: 4 }, (_, k) => JSON.stringify({ cellId: `c${k}`, runId: "r", preset: "diehl-cook-2015", neurons: 10, accuracy: 50 + k, accuracyProportion: 51 + k }));
  const text = Buffer.from(lines.join("\n") + "\n");
  for (let k = 0; k < CASES; k++) {
    const dir = mkdtempSync(join(tmpdir(), "fuzz-store-"));
    writeFileSync(join(dir, "records.jsonl"), corrupt(text, rng));
    readsOrNames(join(dir, "records.jsonl"), () => ResultsStore.read(dir).records(), (records) => {
      for (const r of records) {
        assert.equal(typeof r.cellId, "string");
        assert.ok(typeof r.accuracy === "number" && r.accuracy >= 0 && r.accuracy <= 100, `accepted accuracy ${r.accuracy}`);
      }
    });
  }
});

test("fuzz: mutated override JSON either builds a valid network or is refused saying what is wrong", { timeout: 60_000 }, () => {
  const rng = createRng(404);
  const base = '{"exc":{"thetaPlusMv":0.05,"tauThetaMs":10000000},"stdp":{"nuPost":0.01},"dtMs":0.5,"normWhen":"before","maxRetries":20}';
  let built = 0, refused = 0;
  const leaves: [string, string][] = [["exc", "thetaPlusMv"], ["exc", "tauThetaMs"], ["stdp", "nuPost"], ["", "dtMs"], ["", "normWhen"], ["", "maxRetries"]];
  const values = [-1, 0, 0.25, 0.5, 1.5, 3, 20, 1e9, "before", "after", "x", true, null, [], {}, "0.5"];
  for (let k = 0; k < 2 * CASES; k++) {
    let text: string;
    if (k % 2 === 0) text = Buffer.from(corrupt(Buffer.from(base), rng)).toString("latin1"); // the text
    else { // one value replaced by another of any type
      const o = JSON.parse(base);
      const [group, key] = leaves[rng.nextInt(leaves.length)];
      (group ? o[group] : o)[key] = values[rng.nextInt(values.length)];
      text = JSON.stringify(o);
    }
    let overrides: DeepPartial<Preset>;
    try {
      overrides = JSON.parse(text);
    } catch {
      continue; // not JSON: the CLI refuses it before any of this (test/cli.test.ts)
    }
    // the name here is the word "preset" or "override": every message says which value of which preset is wrong
    try {
      const net = new Network({ neurons: 4, seed: 1, preset: presetFromLabel(presetLabel("diehl-cook-2015", overrides)) });
      assert.ok(net.neurons === 4);
      built++;
    } catch (e) {
      assert.ok(e instanceof Error && !(e instanceof TypeError), `${text}: ${String(e)}`);
      assert.match((e as Error).message, /preset|override/, `${text}: ${(e as Error).message}`);
      refused++;
    }
  }
  assert.ok(built > 0 && refused > 0, `built ${built}, refused ${refused}: the mutations should give both`);
});
