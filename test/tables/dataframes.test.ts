import assert from "node:assert/strict";
import { inspect } from "node:util";
import { test } from "node:test";
import { classCountsTable, frameFromRows } from "../../src/tables/dataframes";

test("a DataFrame printed (a notebook cell's last line, console.log) shows its table, not danfojs internals", () => {
  const text = inspect(frameFromRows([{ neurons: 100, accuracy: 80.3 }, { neurons: 400, accuracy: 88.5 }]));
  assert.match(text, /neurons/);
  assert.match(text, /88\.5/);
  assert.doesNotMatch(text, /\$data|\$columns|DataFrame \{/);
});

test("class counts table: one row per class and a total", () => {
  const labels = Uint8Array.from([0, 1, 1, 9]);
  const table = classCountsTable({ part: { images: new Uint8Array(4 * 784), labels, count: 4 } });
  assert.equal(table.shape[0], 11);
  assert.deepEqual(table.values[10], ["all", 4]);
});
