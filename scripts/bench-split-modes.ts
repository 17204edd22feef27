/**
 * Why a split network gains less in training than in inference (docs/threads.md): for each thread count (alternating
 * in fresh processes, `repeats` rounds), the rate of four phases on the same digits: training a fresh network, the
 * same without the pre-spike depression (nuPre 0, a departure used only here), presenting to a fresh network without
 * learning, and presenting to the trained network without learning. Prints the
 * median rates, each phase's speed-up over the first thread count, and the phase's excitatory spikes per digit (the
 * same for every thread count: a split network gives the whole network's bits).
 * Usage: node --import tsx scripts/bench-split-modes.ts [NEURONS=6400] [DIGITS=500] [REPEATS=3] [THREADS=1,2]
 * (a child process is this script with --one THREADS).
 */
import { execFileSync } from "node:child_process";
import { Network, NetworkLike } from "../src/core/network";
import { DIEHL_COOK_2015, Preset, withOverrides } from "../src/core/params";
import { loadMnist } from "../src/data/mnist";
import { SplitNetwork } from "../src/experiment/splitNetwork";

const PHASES = ["train fresh", "train, nuPre 0", "frozen fresh", "frozen trained"] as const;
const [neurons, digits, repeats] = [6400, 500, 3].map((d, k) => Number(process.argv[2 + k] ?? d));

if (process.argv[6] === "--one") {
  const threads = Number(process.argv[7]);
  const images = loadMnist({ train: digits, test: 1 }).train.images;
  const make = (preset: Readonly<Preset> = DIEHL_COOK_2015): NetworkLike =>
    (threads > 1 ? SplitNetwork.create({ neurons, seed: 1, threads, preset }) : new Network({ neurons, seed: 1, preset }));
  const rate = (net: NetworkLike, learn: boolean) => {
    const spikes = net.totals.excSpikes, t0 = performance.now();
    for (let d = 0; d < digits; d++) net.present(images.subarray(d * 784, (d + 1) * 784), learn);
    return [digits / ((performance.now() - t0) / 1000), (net.totals.excSpikes - spikes) / digits];
  };
  const fresh = make(), trained = make(), noDepression = make(withOverrides(DIEHL_COOK_2015, { stdp: { nuPre: 0 } }));
  const phases = [rate(trained, true), rate(noDepression, true), rate(fresh, false), rate(trained, false)];
  for (const net of [fresh, trained, noDepression]) net.close?.();
  console.log(JSON.stringify(phases));
} else {
  const threads = (process.argv[5] ?? "1,2").split(",").map(Number);
  const runs = new Map<number, number[][][]>(threads.map((k) => [k, []]));
  for (let r = 0; r < repeats; r++) {
    for (const k of threads) {
      const out = execFileSync(process.execPath, ["--import", "tsx", __filename, String(neurons), String(digits), String(repeats), "-", "--one", String(k)], { encoding: "utf8" });
      runs.get(k)!.push(JSON.parse(out.trim().split("\n").pop()!));
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`${neurons} neurons, ${digits} digits per phase, median of ${repeats} fresh processes per thread count (digits/s; speed-up over ${threads[0]} thread)`);
  PHASES.forEach((phase, p) => {
    const rateOf = (k: number) => median(runs.get(k)!.map((x) => x[p][0]));
    const base = rateOf(threads[0]);
    const rates = threads.map((k) => `${k} thread(s): ${rateOf(k).toFixed(0)} (${(rateOf(k) / base).toFixed(2)}x)`);
    console.log(`${phase.padEnd(15)} ${rates.join("   ")}   excitatory spikes per digit ${runs.get(threads[0])![0][p][1].toFixed(1)}`);
  });
}
