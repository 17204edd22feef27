/**
 * `node --import tsx scripts/bench-ab.ts --base DIR [--neurons 100,400,1600] [--samples 2000] [--train 1000]
 *   [--rounds 3] [--chunk 50] [--decision]`
 * This checkout's speed against another one's (DIR: a checkout or `git worktree` of the old code) in one process:
 * both versions' modules are loaded side by side (each with its own WASM instance), each trains the same network
 * (seed 1) on `train` digits, then both answer the same `samples` test digits in chunks of `chunk` that alternate
 * between them (which goes first alternates too), `rounds` times over, so both see the same seconds of this machine's
 * drifting speed; training alternates the same way. Prints per size the rates from the summed times and their ratio.
 * `--decision`: this checkout's inference records the decision windows, as a sweep's test phase does (against code
 * from before the cost counters, the ratio is then what counting costs in all).
 */
import { join, resolve } from "node:path";
import { intListOption, intOption, parseOptions } from "../src/cli/args";
import { loadMnist } from "../src/data/mnist";
import { DECISION_MS } from "../src/experiment/run";

type Version = { Network: any; DIEHL_COOK_2015: unknown; respond: any; train: any };

async function version(dir: string): Promise<Version> {
  const [network, params, phases] = await Promise.all(["core/network", "core/params", "experiment/phases"]
    .map((m) => import(join(dir, "src", `${m}.ts`))));
  return { Network: network.Network, DIEHL_COOK_2015: params.DIEHL_COOK_2015, respond: phases.respond, train: phases.train };
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2), {
    base: { type: "string" }, neurons: { type: "string" }, samples: { type: "string" }, train: { type: "string" },
    rounds: { type: "string" }, chunk: { type: "string" }, decision: { type: "boolean" },
  });
  if (typeof o.base !== "string") throw new RangeError("bench-ab: --base DIR (a checkout of the code to compare with) is required");
  const sizes = intListOption(o, "neurons", [100, 400, 1600], 1);
  const samples = intOption(o, "samples", 2000, 1, 10000);
  const trainSamples = intOption(o, "train", 1000, 1, 8000);
  const rounds = intOption(o, "rounds", 3, 1, 50);
  const chunk = intOption(o, "chunk", 50, 1, Math.max(samples, trainSamples));
  const versions = { base: await version(resolve(o.base)), new: await version(resolve(__dirname, "..")) };
  const data = loadMnist({ train: trainSamples, test: samples });
  const names = ["base", "new"] as const;
  console.log(`base ${resolve(o.base)}, new ${resolve(__dirname, "..")}; one process, chunks of ${chunk} digits alternating` +
    `${o.decision ? "; new infers with decision windows" : ""}`);
  console.log("neurons  train/s base  train/s new  ratio   infer/s base  infer/s new  ratio");
  for (const neurons of sizes) {
    const nets = Object.fromEntries(names.map((v) => [v, new versions[v].Network({ neurons, seed: 1, preset: versions[v].DIEHL_COOK_2015 })]));
    const trainS = { base: 0, new: 0 }, inferS = { base: 0, new: 0 };
    const alternate = (count: number, round: number, seconds: Record<string, number>, fn: (v: "base" | "new", start: number, n: number) => void) => {
      for (let start = 0, c = 0; start < count; start += chunk, c++) {
        const n = Math.min(chunk, count - start);
        for (const v of (c + round) % 2 === 0 ? names : [...names].reverse()) {
          const t0 = performance.now();
          fn(v, start, n);
          seconds[v] += (performance.now() - t0) / 1000;
        }
      }
    };
    alternate(trainSamples, 0, trainS, (v, start, n) => versions[v].train(nets[v], data.train, { start, samples: n }));
    for (let r = 0; r < rounds; r++) {
      const frozen = Object.fromEntries(names.map((v) => [v, nets[v].clone()]));
      alternate(samples, r, inferS, (v, start, n) => versions[v].respond(frozen[v], data.test,
        { start, samples: n, ...(v === "new" && o.decision ? { decisionMs: DECISION_MS } : {}) }));
    }
    const rate = (s: number, n: number) => (n / s).toFixed(0);
    console.log(`${String(neurons).padStart(7)}  ${rate(trainS.base, trainSamples).padStart(12)}  ${rate(trainS.new, trainSamples).padStart(11)}  ` +
      `${(trainS.base / trainS.new).toFixed(3)}  ${rate(inferS.base, samples * rounds).padStart(13)}  ${rate(inferS.new, samples * rounds).padStart(11)}  ` +
      `${(inferS.base / inferS.new).toFixed(3)}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
