import assert from "node:assert/strict";
import { test } from "node:test";
import { sensitivityMap, sensitivityMapFigure } from "../../src/figures/sensitivity";

const rec = (label: string, accuracy: number, neurons = 400) => ({ preset: `diehl-cook-2015+${label}`, neurons, trainedSamples: 50000, accuracy });

test("a sensitivity map: seeds averaged per grid point, the published values read from the base preset and ringed", () => {
  const records = [
    rec("exc.tauThetaMs=1000000;exc.thetaPlusMv=0.05", 80), rec("exc.tauThetaMs=1000000;exc.thetaPlusMv=0.05", 82),
    rec("exc.tauThetaMs=1000000;exc.thetaPlusMv=0.1", 85), rec("exc.tauThetaMs=10000000;exc.thetaPlusMv=0.05", 88),
    rec("exc.tauThetaMs=10000000;exc.thetaPlusMv=0.1", 86),
    rec("exc.tauThetaMs=10000000;exc.thetaPlusMv=0.1", 99, 100), // another size
    rec("wInhExc=12", 50), // another parameter
    { preset: "diehl-cook-2015", neurons: 400, trainedSamples: 50000, accuracy: 87 }, // the preset itself: the published point
  ];
  const map = sensitivityMap(records, "exc.thetaPlusMv", "exc.tauThetaMs", 400, 50000);
  assert.deepEqual(map.published, { x: 0.05, y: 1e7 });
  assert.deepEqual(map.cells.map((c) => [c.x, c.y, c.accuracyMean, c.n]), [[0.05, 1e6, 81, 2], [0.1, 1e6, 85, 1], [0.05, 1e7, 87.5, 2], [0.1, 1e7, 86, 1]]);
  const fig = sensitivityMapFigure(map);
  assert.deepEqual(fig.data[0].z, [[81, 85], [87.5, 86]]);
  assert.deepEqual(fig.data[0].x, ["0.05", "0.1"]);
  assert.deepEqual(fig.data[0].y, ["1,000,000", "10,000,000"]);
  assert.deepEqual([fig.data[1].x, fig.data[1].y], [["0.05"], ["10,000,000"]], "the published values marked");
  assert.throws(() => sensitivityMap(records, "exc.thetaPlusMv", "exc.tauThetaMs", 225, 50000), /no records of 225 neurons/);
  assert.throws(() => sensitivityMap([...records, { preset: "bindsnet+exc.thetaPlusMv=0.1", neurons: 400, trainedSamples: 50000, accuracy: 1 }],
    "exc.thetaPlusMv", "exc.tauThetaMs", 400, 50000), /more than one base preset/);
});

test("the committed maps: each drawn from its own grid's points, a map without records left out", async () => {
  const { availableMaps, COMMITTED_MAPS, mapTitle } = await import("../../src/figures/committedMaps");
  const records = [
    rec("exc.tauThetaMs=1000000;exc.thetaPlusMv=0.05", 80), rec("exc.tauThetaMs=10000000;exc.thetaPlusMv=0.05", 90),
    rec("wInhExc=8.5;exc.thetaPlusMv=0.05", 70), rec("wInhExc=17;exc.thetaPlusMv=0.05", 91), rec("wInhExc=34;exc.thetaPlusMv=0.1", 92),
    rec("wInhExc=34;exc.thetaPlusMv=0.1", 60, 225), // a size no committed map has
  ];
  const maps = availableMaps(records);
  assert.deepEqual(maps.map((m) => m.spec.name), ["sensitivity-theta-400", "sensitivity-inhibition-400"]);
  assert.deepEqual(maps[0].map.cells.map((c) => [c.x, c.y, c.accuracyMean]), [[0.05, 1e6, 80], [0.05, 1e7, 90]], "the inhibition grid's points stay out of the theta map");
  assert.deepEqual(maps[1].map.cells.map((c) => [c.x, c.y, c.accuracyMean]), [[0.05, 8.5, 70], [0.05, 17, 91], [0.1, 34, 92]]);
  assert.deepEqual(maps[1].map.published, { x: 0.05, y: 17 });
  assert.equal(availableMaps([]).length, 0);
  assert.match(mapTitle(COMMITTED_MAPS.find((m) => m.neurons === 1600)!), /theta_plus x inhibition weight \(1,600 neurons, one pass over 50,000 digits, mnist-full\)/);
});
