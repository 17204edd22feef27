import assert from "node:assert/strict";
import { test } from "node:test";
import { IndexSet } from "../../src/core/indexSet";

test("IndexSet: add once, keep order, retain, clear, load", () => {
  const s = new IndexSet(10);
  [4, 2, 4, 7].forEach((j) => s.add(j));
  assert.deepEqual(Array.from(s.values()), [4, 2, 7]);
  assert.ok(s.has(2) && !s.has(3));
  s.retain((j) => j !== 2);
  assert.deepEqual(Array.from(s.values()), [4, 7]);
  assert.ok(!s.has(2));
  s.clear();
  assert.equal(s.count, 0);
  assert.ok(!s.has(4));
  s.load([9, 1, 9]);
  assert.deepEqual(Array.from(s.values()), [9, 1]);
});
