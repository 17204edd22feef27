import assert from "node:assert/strict";
import { test } from "node:test";
import { Network } from "../../src/core/network";
import { loadMnist } from "../../src/data/mnist";
import { respondWithProgress, sweepWithProgress, trainWithProgress } from "../../src/notebook/run";

const data = loadMnist({ train: 20, test: 0 });

test("notebook helpers refuse counts that would loop for ever or do nothing silently, and a sweep without a folder", async () => {
  const net = new Network({ neurons: 4, seed: 1 });
  await assert.rejects(trainWithProgress(net, data.train, 10, 0), /trainWithProgress: chunk must be a whole number >= 1, got 0/);
  await assert.rejects(trainWithProgress(net, data.train, -1), /trainWithProgress: samples must be a whole number in \[0, 20\] \(the digits given\), got -1/);
  await assert.rejects(trainWithProgress(net, data.train, NaN), /got NaN/);
  await assert.rejects(trainWithProgress(net, data.train, 21), /got 21/);
  await assert.rejects(respondWithProgress(net, data.train, 2.5), /respondWithProgress: samples must be a whole number/);
  await assert.rejects(sweepWithProgress([], ""), /sweepWithProgress: out must name the results folder/);
  assert.equal(net.totals.digits, 0, "nothing ran");
});
