import assert from "node:assert/strict";
import { test } from "node:test";
import { Network } from "../../src/core/network";
import { sumStats, train } from "../../src/experiment/phases";
import { loadMnist } from "../../src/data/mnist";

test("sumStats: the statistics of chunks add up to those of one phase over the same digits", () => {
  const { train: digits } = loadMnist({ train: 40 });
  const whole = train(new Network({ neurons: 10, seed: 2 }), digits);
  const net = new Network({ neurons: 10, seed: 2 });
  const parts = [train(net, digits, { samples: 15 }), train(net, digits, { start: 15 })];
  const sum = sumStats(parts);
  for (const key of ["samples", "presentations", "cappedDigits", "excSpikes", "inputSpikes"] as const) assert.equal(sum[key], whole[key], key);
  assert.ok(Math.abs(sum.samplesPerSec - sum.samples / sum.seconds) < 1e-9);
});
