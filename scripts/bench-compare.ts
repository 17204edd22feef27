/**
 * `node --import tsx scripts/bench-compare.ts --base DIR [--neurons 100,400,1600,6400] [--repeats 7] [--samples 1000]
 *   [--preset diehl-cook-2015] [--decision]`
 * Speed of this checkout against another one (DIR: a checkout or `git worktree` of the old code, with node_modules):
 * fresh processes of scripts/bench-one.ts of the two alternate, size by size and round by round, so that both see the
 * same minutes of this machine's drifting speed. Prints per size the median training and inference rates of each, the
 * ratio of the medians (new / base), the median of the ratios of the two runs of each round (robust to slow spells
 * that span a round), and the median machine reference of each (bench-one.ts machineRefMs). `--decision`: this
 * checkout's inference records the decision windows, as a sweep's test phase does (the base's as its code does), so
 * that against code from before the cost counters the ratio is what counting costs in all.
 */
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";
import { choiceOption, intListOption, intOption, parseOptions } from "../src/cli/args";
import { PRESETS } from "../src/core/params";

const o = parseOptions(process.argv.slice(2), {
  base: { type: "string" }, neurons: { type: "string" }, repeats: { type: "string" }, samples: { type: "string" },
  preset: { type: "string" }, decision: { type: "boolean" },
});
if (typeof o.base !== "string") throw new RangeError("bench-compare: --base DIR (a checkout of the code to compare with) is required");
const dirs = { base: resolve(o.base), new: resolve(__dirname, "..") };
const sizes = intListOption(o, "neurons", [100, 400, 1600, 6400], 1);
const repeats = intOption(o, "repeats", 7, 1, 50);
const samples = intOption(o, "samples", 1000, 1, 8000);
const preset = choiceOption(o, "preset", "diehl-cook-2015", Object.keys(PRESETS));

type Run = { trainSamplesPerSec: number; inferSamplesPerSec: number; machineRefMs: number };
const runs = new Map<string, Run[]>();
const one = (which: "base" | "new", neurons: number): Run => {
  const out = execFileSync(process.execPath, ["--import", "tsx", join(dirs[which], "scripts", "bench-one.ts"), String(neurons), String(samples),
    preset, "wasm", ...(which === "new" && o.decision ? ["windows"] : [])], { encoding: "utf8", cwd: dirs[which] });
  return JSON.parse(out.trim().split("\n").pop()!) as Run;
};
for (let r = 0; r < repeats; r++) {
  for (const neurons of sizes) {
    for (const which of (r % 2 ? ["new", "base"] : ["base", "new"]) as ("base" | "new")[]) {
      const key = `${which}/${neurons}`;
      runs.set(key, [...(runs.get(key) ?? []), one(which, neurons)]);
    }
    process.stderr.write(`\rround ${r + 1}/${repeats}, ${neurons} neurons   `);
  }
}
process.stderr.write("\n");
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`base ${dirs.base}, new ${dirs.new}; ${repeats} alternating fresh processes per version and size, first ${samples} digits`);
console.log("neurons  train/s base  train/s new  ratio  paired   infer/s base  infer/s new  ratio  paired   ref ms base/new");
for (const neurons of sizes) {
  const b = runs.get(`base/${neurons}`)!, n = runs.get(`new/${neurons}`)!;
  const m = (rs: Run[], k: keyof Run) => median(rs.map((x) => x[k]));
  const tb = m(b, "trainSamplesPerSec"), tn = m(n, "trainSamplesPerSec"), ib = m(b, "inferSamplesPerSec"), inn = m(n, "inferSamplesPerSec");
  const paired = (k: keyof Run) => median(b.map((x, r) => n[r][k] / x[k])).toFixed(3);
  console.log(`${String(neurons).padStart(7)}  ${tb.toFixed(0).padStart(12)}  ${tn.toFixed(0).padStart(11)}  ${(tn / tb).toFixed(3)}  ${paired("trainSamplesPerSec")}  ${ib.toFixed(0).padStart(13)}  ${inn.toFixed(0).padStart(11)}  ${(inn / ib).toFixed(3)}  ${paired("inferSamplesPerSec")}   ${m(b, "machineRefMs").toFixed(2)}/${m(n, "machineRefMs").toFixed(2)}`);
}
