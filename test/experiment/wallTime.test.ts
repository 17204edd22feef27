import { test } from "node:test";
import assert from "node:assert/strict";
import { sweepWallSeconds } from "../../src/experiment/wallTime";

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-6, `${actual} != ${expected}`);

test("wall time: one run evaluates its own snapshots on one core, beside training on a second", () => {
  const run = { trainSeconds: [2, 2], evalSeconds: [1, 1] };
  close(sweepWallSeconds([run], { cores: 1, evaluateBeside: true }), 6); // no free core
  close(sweepWallSeconds([run], { cores: 2, evaluateBeside: false }), 6);
  // the first evaluation (1 s) beside the second training (2 s), then the last evaluation by the run
  close(sweepWallSeconds([run], { cores: 2, evaluateBeside: true }), 5);
  // both at half speed while they overlap: the evaluation ends at 4 s, the training's last second at 5, then 1 s
  close(sweepWallSeconds([run], { cores: 2, evaluateBeside: true, contention: 2 }), 6);
});

test("wall time: a run takes a core for its evaluations only once another run has given one back", () => {
  const short = { trainSeconds: [1], evalSeconds: [0.5] };
  const long = { trainSeconds: [2, 2, 2], evalSeconds: [1, 1, 1] };
  close(sweepWallSeconds([short, long], { cores: 2, evaluateBeside: false }), 9);
  // the short run ends at 1.5 s; the long one hands its evaluations at 2 and 4 s, evaluates the last at 6 s
  close(sweepWallSeconds([short, long], { cores: 2, evaluateBeside: true }), 7);
  // runs wait for a core in order
  close(sweepWallSeconds([short, short, short], { cores: 2, evaluateBeside: true }), 3);
  // a run that ends at the moment another reaches a snapshot has given its core back
  close(sweepWallSeconds([long, { trainSeconds: [2], evalSeconds: [0] }], { cores: 2, evaluateBeside: true }), 7);
});

test("wall time: bad input says what is wrong", () => {
  assert.throws(() => sweepWallSeconds([], { cores: 0, evaluateBeside: true }), /cores must be an integer >= 1/);
  assert.throws(() => sweepWallSeconds([{ trainSeconds: [1], evalSeconds: [] }], { cores: 1, evaluateBeside: true }), /run 0 needs one training/);
  assert.throws(() => sweepWallSeconds([{ trainSeconds: [1], evalSeconds: [Number.NaN] }], { cores: 1, evaluateBeside: true }), /negative or missing/);
});
