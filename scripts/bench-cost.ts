/**
 * `node --import tsx scripts/bench-cost.ts [--neurons 100,400,1600] [--samples 2000] [--train 1000] [--rounds 3] [--chunk 50]`
 * What recording the decision times costs at inference: per size, a network trained on `train` digits answers the
 * same `samples` test digits from two frozen clones, one with decision windows (respond's decisionMs) and one without,
 * in chunks of `chunk` digits that alternate between the two (which goes first alternates too), `rounds` times over;
 * so both see the same seconds of this machine's drifting speed. Prints the rates from the summed times, their ratio,
 * and the spread of the rounds' ratios. The cost counters themselves are always on: compare them with the code before
 * them by scripts/bench-compare.ts --base (with --decision: counters and windows together).
 */
import { intListOption, intOption, parseOptions } from "../src/cli/args";
import { Network } from "../src/core/network";
import { DIEHL_COOK_2015 } from "../src/core/params";
import { loadMnist } from "../src/data/mnist";
import { DECISION_MS } from "../src/experiment/run";
import { respond, train } from "../src/experiment/phases";

const o = parseOptions(process.argv.slice(2), {
  neurons: { type: "string" }, samples: { type: "string" }, train: { type: "string" }, rounds: { type: "string" }, chunk: { type: "string" },
});
const sizes = intListOption(o, "neurons", [100, 400, 1600], 1);
const samples = intOption(o, "samples", 2000, 1, 10000);
const trainSamples = intOption(o, "train", 1000, 1, 8000);
const rounds = intOption(o, "rounds", 3, 1, 50);
const chunk = intOption(o, "chunk", 50, 1, samples);
const data = loadMnist({ train: trainSamples, test: samples });

console.log(`decision windows at ${DECISION_MS.join(", ")} ms: inference on ${samples} test digits, ${rounds} rounds, ` +
  `alternating with and without every ${chunk} digits`);
for (const neurons of sizes) {
  const trained = new Network({ neurons, seed: 1, preset: DIEHL_COOK_2015 });
  train(trained, data.train);
  const seconds = { with: 0, without: 0 };
  const roundRatios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const nets = { with: trained.clone(), without: trained.clone() };
    const round = { with: 0, without: 0 };
    for (let start = 0, c = 0; start < samples; start += chunk, c++) {
      const n = Math.min(chunk, samples - start);
      for (const which of (c + r) % 2 === 0 ? ["without", "with"] as const : ["with", "without"] as const) {
        const t0 = performance.now();
        respond(nets[which], data.test, { start, samples: n, ...(which === "with" ? { decisionMs: DECISION_MS } : {}) });
        round[which] += (performance.now() - t0) / 1000;
      }
    }
    seconds.with += round.with;
    seconds.without += round.without;
    roundRatios.push(round.without / round.with);
  }
  const ratio = seconds.without / seconds.with;
  const digits = samples * rounds;
  console.log(`N=${String(neurons).padStart(5)}  without ${(digits / seconds.without).toFixed(0).padStart(6)} digits/s  ` +
    `with ${(digits / seconds.with).toFixed(0).padStart(6)} digits/s  with/without ${ratio.toFixed(3)} (overhead ` +
    `${((1 - ratio) * 100).toFixed(1)} %; rounds ${Math.min(...roundRatios).toFixed(3)}-${Math.max(...roundRatios).toFixed(3)})`);
}
