import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { Network } from "../../src/core/network";
import { loadMnist } from "../../src/data/mnist";
import { train } from "../../src/experiment/phases";
import { monitorFigure } from "../../src/figures/monitor";

const data = loadMnist({ train: 12, test: 0 });
const digest = (net: Network) => createHash("sha256").update(Buffer.from(net.exportState().arrays.weights.buffer)).digest("hex");

test("a state monitor records chosen variables over several presentations and changes nothing in the network", () => {
  const watched = new Network({ neurons: 10, seed: 4 });
  const plain = new Network({ neurons: 10, seed: 4 });
  const m = watched.monitor({ neurons: [0, 3], variables: ["v", "ge", "gi", "theta", "threshold", "post1"], every: 7 });
  train(watched, data.train, { samples: 4 });
  train(plain, data.train, { samples: 4 });
  assert.equal(digest(watched), digest(plain), "monitoring must not change the simulation");
  const steps = watched.derived.presentSteps;
  const presentations = watched.totals.presentations;
  assert.equal(m.samples, presentations * Math.ceil(steps / 7));
  assert.deepEqual([...new Set(m.presentation)], Array.from({ length: presentations }, (_, k) => k));
  assert.equal(m.values.v.length, 2 * m.samples);
  const v = m.series("v", 0), theta = m.series("theta", 1), post1 = m.series("post1", 0), gi = m.series("gi", 1);
  assert.ok(v.every((x) => x >= -100 && x <= -40), "v within E_inh and threshold");
  assert.ok(theta.every((x) => x > 19.99), "theta from its start of 20 mV (decaying by 1e-7 per ms, raised by spikes)");
  assert.ok(post1.every((x) => x >= 0 && x <= 1));
  assert.ok(gi.some((x) => x > 0), "inhibition felt at some sample");
  watched.detachMonitor();
  train(watched, data.train, { start: 4, samples: 2 });
  assert.equal(m.samples, presentations * Math.ceil(steps / 7), "detached: nothing more");
});

test("a monitor of the inhibitory layer, and the errors that say what to fix", () => {
  const net = new Network({ neurons: 6, seed: 2 });
  const m = net.monitor({ layer: "inhibitory", neurons: [1], variables: ["v", "ge"] });
  train(net, data.train, { samples: 2 });
  assert.ok(m.series("v", 0).every((x) => x >= -85 && x <= -40));
  assert.throws(() => net.monitor({ neurons: [6], variables: ["v"] }), /neuron 6 is outside the network's 6/);
  assert.throws(() => net.monitor({ layer: "inhibitory", neurons: [0], variables: ["theta"] }), /the inhibitory layer has no variable "theta" \(it has v, ge\)/);
  assert.throws(() => net.monitor({ neurons: [0], variables: ["v"], every: 0 }), /every must be a whole number >= 1, got 0/);
  assert.throws(() => m.series("theta", 0), /"theta" is not monitored/);
});

test("a monitor's figure: one line per neuron over the presentations laid end to end", () => {
  const net = new Network({ neurons: 5, seed: 1 });
  const m = net.monitor({ neurons: [0, 2], variables: ["v"], every: 50 });
  train(net, data.train, { samples: 2 });
  const fig = monitorFigure(m, "v", net.preset.dtMs, net.derived.presentSteps);
  assert.equal(fig.data.length, 2);
  const x = (fig.data[0] as { x: number[] }).x;
  assert.equal(x[0], 0);
  assert.equal(x[Math.ceil(net.derived.presentSteps / 50)], net.derived.presentSteps * net.preset.dtMs, "the second presentation follows the first");
});
