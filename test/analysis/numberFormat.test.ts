import assert from "node:assert/strict";
import { test } from "node:test";
import { decimalsFor, formatColumn, meanSdText } from "../../src/analysis/numberFormat";

test("table numbers: a column keeps the decimals its values need, never rounding a value a user set", () => {
  assert.equal(decimalsFor(0.025), 3);
  assert.equal(decimalsFor(92.73456), 2);
  assert.equal(decimalsFor(17), 0);
  assert.equal(decimalsFor(1e-4), 4);
  assert.deepEqual(formatColumn([0.025, 0.05, 0.1]), ["0.025", "0.050", "0.100"]);
  assert.deepEqual(formatColumn([92.734, 88.1, 90]), ["92.73", "88.10", "90.00"]);
  assert.deepEqual(formatColumn([100, 400, 1600]), ["100", "400", "1600"]);
  assert.deepEqual(formatColumn(["a", undefined, 3]), ["a", "", "3"]);
  assert.equal(meanSdText(84.38, 0.99, 3), "84.38 +- 0.99 (3)");
  assert.equal(meanSdText(86.36, 0, 1), "86.36 (1)");
});
