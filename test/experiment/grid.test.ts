import assert from "node:assert/strict";
import { test } from "node:test";
import { gridPoints, parseAxis } from "../../src/experiment/grid";
import { presetHash } from "../../src/experiment/records";
import { sweepSpec } from "../../src/experiment/sweep";

test("a parameter axis from PATH=V1,V2: values typed as the presets type them; bad axes say what to fix", () => {
  assert.deepEqual(parseAxis("exc.thetaPlusMv=0.025,0.05,0.1"), { path: "exc.thetaPlusMv", values: [0.025, 0.05, 0.1] });
  assert.deepEqual(parseAxis("stdp.normalize=true,false"), { path: "stdp.normalize", values: [true, false] });
  assert.deepEqual(parseAxis("wInhExc=12,1.7e1"), { path: "wInhExc", values: [12, 17] });
  assert.throws(() => parseAxis("exc.thetaPlusMv"), /expected PATH=V1,V2/);
  assert.throws(() => parseAxis("exc.thetaPlus=1,2"), /no preset has a value "exc.thetaPlus"/);
  assert.throws(() => parseAxis("exc.thetaPlusMv=0.1,abc"), /exc.thetaPlusMv must be a finite number, got "abc"/);
  assert.throws(() => parseAxis("exc.thetaPlusMv=0.1,,0.2"), /an empty value/);
  assert.throws(() => parseAxis("exc.thetaPlusMv=0.1,0.10"), /listed twice/);
});

test("a grid: the cartesian product, each point an override label with its own hash (the published point too: a label is part of a preset's identity)", () => {
  const spec = sweepSpec({ neurons: [20], seeds: [1], trainAmounts: [100], testSamples: 50 });
  const points = gridPoints(spec, [parseAxis("exc.thetaPlusMv=0.025,0.05"), parseAxis("exc.tauThetaMs=1e6,1e7,1e8")]);
  assert.equal(points.length, 6);
  assert.deepEqual(points.map((p) => p.spec.preset), [
    "diehl-cook-2015+exc.tauThetaMs=1000000;exc.thetaPlusMv=0.025", "diehl-cook-2015+exc.tauThetaMs=10000000;exc.thetaPlusMv=0.025",
    "diehl-cook-2015+exc.tauThetaMs=100000000;exc.thetaPlusMv=0.025", "diehl-cook-2015+exc.tauThetaMs=1000000;exc.thetaPlusMv=0.05",
    "diehl-cook-2015+exc.tauThetaMs=10000000;exc.thetaPlusMv=0.05", "diehl-cook-2015+exc.tauThetaMs=100000000;exc.thetaPlusMv=0.05",
  ]);
  assert.deepEqual(points[0].values, { "exc.thetaPlusMv": 0.025, "exc.tauThetaMs": 1e6 });
  assert.equal(new Set(points.map((p) => p.presetHash)).size, 6, "one hash per point");
  assert.notEqual(points[4].presetHash, presetHash("diehl-cook-2015"), "the published values under their own label");
  assert.equal(points[4].presetHash, presetHash(points[4].spec.preset));
  for (const p of points) assert.deepEqual({ ...p.spec, preset: "" }, { ...spec, preset: "" }, "only the preset changes");
  // a rule and overrides of the sweep's preset are kept; varying what it overrides is refused
  const ruled = gridPoints({ ...spec, preset: "diehl-cook-2015@power-law+stdp.normalize=true" }, [parseAxis("wInhExc=12,22")]);
  assert.deepEqual(ruled.map((p) => p.spec.preset), ["diehl-cook-2015@power-law+stdp.normalize=true;wInhExc=12", "diehl-cook-2015@power-law+stdp.normalize=true;wInhExc=22"]);
  assert.throws(() => gridPoints({ ...spec, preset: "diehl-cook-2015+wInhExc=10" }, [parseAxis("wInhExc=12,22")]), /both overridden by the preset .* and varied/);
  assert.throws(() => gridPoints(spec, [parseAxis("wInhExc=12"), parseAxis("wInhExc=22")]), /varied twice/);
  assert.throws(() => gridPoints(spec, []), /at least one axis/);
});

test("parameter grid: more points than a sweep takes are refused with the count, before any is built", () => {
  const spec = sweepSpec({ neurons: [20], seeds: [1], trainAmounts: [100], testSamples: 50 });
  const axis = (path: string, n: number) => parseAxis(`${path}=${Array.from({ length: n }, (_, k) => k + 1).join(",")}`);
  assert.throws(() => gridPoints(spec, [axis("wInhExc", 101), axis("exc.tauThetaMs", 100)]), /101 x 100 = 10,100 points, more than the 10,000 a sweep takes/);
  assert.throws(() => gridPoints(spec, [axis("wInhExc", 1000), axis("exc.tauThetaMs", 1000), axis("wExcInh", 1000)]), /= 1,000,000,000 points/);
});
