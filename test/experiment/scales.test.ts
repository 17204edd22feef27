import assert from "node:assert/strict";
import { test } from "node:test";
import { notebookScale, resultsDir } from "../../src/experiment/scales";

test("a notebook's store: quick scale under build/, full scale the committed store its figures draw from", () => {
  assert.equal(resultsDir("02-neurons", "quick"), "build/results/02-neurons-quick");
  assert.equal(resultsDir("02-neurons", "full"), "data/results/paper");
  assert.equal(resultsDir("05-cost", "full"), "data/results/cost");
  assert.equal(notebookScale({}), "quick");
  assert.throws(() => notebookScale({ SNN_SCALE: "huge" }), /quick|full/);
});
