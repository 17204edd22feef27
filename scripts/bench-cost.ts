/**
 * `node --import tsx scripts/bench-cost.ts [--neurons 100,400,1600] [--samples 500] [--train 1000] [--rounds 5]`
 * What recording the decision times costs at inference: per size, a network trained on `train` digits answers the
 * same `samples` test digits from frozen clones with and without decision windows (respond's decisionMs), alternating
 * within each round in this one process; prints the median rates and the median of the rounds' ratios. The cost
 * counters themselves are always on: compare them with the code before them by scripts/bench-compare.ts --base.
 */
import { intListOption, intOption, parseOptions } from "../src/cli/args";
import { Network } from "../src/core/network";
import { DIEHL_COOK_2015 } from "../src/core/params";
import { loadMnist } from "../src/data/mnist";
import { DECISION_MS } from "../src/experiment/run";
import { respond, train } from "../src/experiment/phases";

const o = parseOptions(process.argv.slice(2), { neurons: { type: "string" }, samples: { type: "string" }, train: { type: "string" }, rounds: { type: "string" } });
const sizes = intListOption(o, "neurons", [100, 400, 1600], 1);
const samples = intOption(o, "samples", 500, 1, 2000);
const trainSamples = intOption(o, "train", 1000, 1, 8000);
const rounds = intOption(o, "rounds", 5, 1, 50);
const data = loadMnist({ train: trainSamples, test: samples });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`decision windows at ${DECISION_MS.join(", ")} ms: inference on ${samples} test digits, ${rounds} rounds, with and without alternating`);
for (const neurons of sizes) {
  const net = new Network({ neurons, seed: 1, preset: DIEHL_COOK_2015 });
  train(net, data.train);
  const rate = { with: [] as number[], without: [] as number[] }, ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? ["without", "with"] as const : ["with", "without"] as const;
    const got: Record<string, number> = {};
    for (const which of order) {
      const stats = respond(net.clone(), data.test, which === "with" ? { decisionMs: DECISION_MS } : {}).stats;
      got[which] = stats.samplesPerSec;
      rate[which].push(stats.samplesPerSec);
    }
    ratios.push(got.with / got.without);
  }
  const overhead = (1 - median(ratios)) * 100;
  console.log(`N=${String(neurons).padStart(5)}  without ${median(rate.without).toFixed(0).padStart(6)} digits/s  with ${median(rate.with).toFixed(0).padStart(6)} digits/s  ` +
    `with/without ${median(ratios).toFixed(3)} (median of rounds; overhead ${overhead.toFixed(1)} %)`);
}
