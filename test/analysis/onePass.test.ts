import { test } from "node:test";
import assert from "node:assert/strict";
import { onePassRecords } from "../../src/analysis/onePass";

test("one-pass records: the named preset, one pass over 60,000 digits, the sizes asked for, nothing else", () => {
  const r = (preset: string, epochs: number, trainSamples: number, neurons: number) => ({ preset, epochs, trainSamples, neurons });
  const records = [
    r("diehl-cook-2015", 1, 60000, 100), r("diehl-cook-2015", 3, 60000, 100), r("diehl-cook-2015", 1, 8000, 100),
    r("diehl-cook-2015@power-law", 1, 60000, 100), r("diehl-cook-2015", 1, 60000, 6400), r("diehl-cook-2015", 1, 60000, 400),
  ];
  assert.deepEqual(onePassRecords(records, "diehl-cook-2015", [100, 400]), [records[0], records[5]]);
  assert.deepEqual(onePassRecords(records, "bindsnet", [100]), []);
});
