import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { DIEHL_COOK_2015, PRESETS, withOverrides } from "../../src/core/params";
import { fashionFolder } from "../../src/data/datasets";
import { RunConfig } from "../../src/experiment/config";
import { canonicalPresetText, PRESET_IDENTITY, PRESET_IDENTITY_V1, presetIdentityHash, presetLeafPaths } from "../../src/experiment/presetIdentity";
import { cellId, presetHash, runId, StoredRecord } from "../../src/experiment/records";

const RESULTS = join(__dirname, "..", "..", "data", "results");

test("preset identity: the committed records' presetHash, runId and cellId all resolve with this code", () => {
  let checked = 0;
  for (const name of readdirSync(RESULTS)) {
    const file = join(RESULTS, name, "records.jsonl");
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, "utf8").split("\n")) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as StoredRecord;
      // fashion-mnist's ids hash its files, which `npm run data:fashion` writes (CI does, before the tests)
      if (r.dataset === "fashion-mnist" && !existsSync(join(fashionFolder(), "train-images-idx3-ubyte"))) continue;
      const c: RunConfig = {
        neurons: r.neurons, preset: r.preset, dataset: r.dataset as RunConfig["dataset"], trainSamples: r.trainSamples,
        epochs: r.epochs, testSamples: r.testSamples, seed: r.seed, labelSamples: r.labelSamplesCap, snapshots: [],
        ...(r.evaluatedOn === "validation" ? { validation: true } : {}),
        ...(r.shuffleSeed !== undefined ? { shuffleSeed: r.shuffleSeed } : {}),
        ...(r.testRepeats !== undefined ? { testRepeats: r.testRepeats } : {}),
      };
      assert.equal(presetHash(r.preset), r.presetHash, `${name}: ${r.preset}`);
      assert.equal(runId(c), r.runId, `${name}: run of ${r.cellId}`);
      assert.equal(cellId(c, r.trainedSamples), r.cellId, `${name}: ${r.cellId}`);
      checked++;
    }
  }
  assert.ok(checked > 400, `only ${checked} records found under data/results`);
});

test("preset identity: every field of every preset is listed, so no field can change ids by accident", () => {
  const listed = new Set(PRESET_IDENTITY.map((f) => f.path));
  for (const preset of Object.values(PRESETS)) for (const path of presetLeafPaths(preset)) assert.ok(listed.has(path), `${preset.name}: ${path}`);
  const stray = { ...structuredClone(DIEHL_COOK_2015), newField: 1 };
  assert.throws(() => presetIdentityHash(stray), /preset field "newField" is not in PRESET_IDENTITY/);
});

test("preset identity: independent of key order; a field appended with its legacy value keeps the ids", () => {
  const reordered = Object.fromEntries(Object.entries(structuredClone(DIEHL_COOK_2015)).reverse()) as typeof DIEHL_COOK_2015;
  assert.equal(presetIdentityHash(reordered), presetIdentityHash(DIEHL_COOK_2015));
  const v2 = [...PRESET_IDENTITY_V1, { path: "exc.refractoryMode", legacy: "clamp" }];
  const withLegacy = { ...structuredClone(DIEHL_COOK_2015), exc: { ...DIEHL_COOK_2015.exc, refractoryMode: "clamp" } };
  const withOther = { ...withLegacy, exc: { ...withLegacy.exc, refractoryMode: "integrate" } };
  assert.equal(canonicalPresetText(withLegacy, v2), canonicalPresetText(DIEHL_COOK_2015, PRESET_IDENTITY_V1));
  assert.notEqual(canonicalPresetText(withOther, v2), canonicalPresetText(DIEHL_COOK_2015, PRESET_IDENTITY_V1));
  assert.notEqual(presetIdentityHash(withOverrides(DIEHL_COOK_2015, { exc: { tauThetaMs: 1e8 } })), presetIdentityHash(DIEHL_COOK_2015));
});
