/**
 * A plan's wall time on this machine, estimated from its runs' records (their training seconds between snapshots and
 * each snapshot's evaluation seconds): the pool's schedule replayed on C cores (src/experiment/wallTime.ts) with each
 * run evaluating its own snapshots (--evaluate-inline) and with snapshots evaluated beside training on free cores
 * (the default since issue 20), in the plan's order and with --longest-first. Runs of the plan without all their
 * records are left out and counted.
 * Usage: node --import tsx scripts/plan-walltime.ts --plan FILE [--out STORE] [--cores C] [--contention F]
 * (--contention: the factor by which a run and its evaluation thread slow each other while both work; default 1).
 */
import { readPlan } from "../src/cli/sweep";
import { intOption, parseOptions, UsageError } from "../src/cli/args";
import { planRuns, RunOrder } from "../src/experiment/pool";
import { runId } from "../src/experiment/records";
import { ResultsStore } from "../src/experiment/store";
import { RunTimes, sweepWallSeconds } from "../src/experiment/wallTime";

const o = parseOptions(process.argv.slice(2), { plan: { type: "string" }, out: { type: "string" }, cores: { type: "string" }, contention: { type: "string" } });
if (typeof o.plan !== "string") throw new UsageError("--plan FILE is required (a sweep plan, as for snn sweep --plan)");
const plan = o.plan;
const cores = intOption(o, "cores", 2, 1, 1024);
const contention = Number(o.contention ?? 1);
if (!(contention >= 1)) throw new UsageError(`--contention must be a number >= 1, got "${String(o.contention)}"`);
const store = typeof o.out === "string" ? o.out : "data/results/paper";
const byRun = new Map<string, { trainedSamples: number; trainSeconds: number; evalSeconds: number }[]>();
for (const r of ResultsStore.read(store).records()) byRun.set(r.runId, [...(byRun.get(r.runId) ?? []), r]);

/** Each cumulative value's increase over the one before (the first over 0). */
const increments = (xs: number[]) => xs.map((x, k) => x - (k > 0 ? xs[k - 1] : 0));

const specs = readPlan(plan);
const byId = new Map<string, RunTimes>();
let incomplete = 0;
let remeasured = 0;
for (const c of planRuns(specs)) {
  const rs = (byRun.get(runId(c)) ?? []).sort((a, b) => a.trainedSamples - b.trainedSamples);
  if (rs.length !== c.snapshots.length) {
    incomplete++;
    continue;
  }
  let trainSeconds = increments(rs.map((r) => r.trainSeconds));
  if (trainSeconds.some((s) => s < 0)) {
    // a snapshot re-run later (other code, other load): its cumulative time does not continue the earlier ones';
    // spread the last record's training time over the snapshots by digits instead
    remeasured++;
    const last = rs[rs.length - 1];
    trainSeconds = increments(rs.map((r) => r.trainedSamples)).map((digits) => (last.trainSeconds * digits) / last.trainedSamples);
  }
  byId.set(runId(c), { trainSeconds, evalSeconds: rs.map((r) => r.evalSeconds) });
}
const inOrder = (order: RunOrder) => planRuns(specs, order).flatMap((c) => byId.get(runId(c)) ?? []);
const times = inOrder("plan");
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const train = sum(times.map((t) => sum(t.trainSeconds)));
const evaluation = sum(times.map((t) => sum(t.evalSeconds)));
const inline = sweepWallSeconds(times, { cores, evaluateBeside: false });
const beside = sweepWallSeconds(times, { cores, evaluateBeside: true, contention });
const longest = sweepWallSeconds(inOrder("longest-first"), { cores, evaluateBeside: true, contention });
const h = (s: number) => `${(s / 3600).toFixed(2)} h`;
console.log(`${plan}: ${times.length} runs with all their records (${incomplete} without, left out; ${remeasured} with training times spread by digits, their records being from separate runs), store ${store}, ${cores} cores, contention ${contention}`);
console.log(`work: training ${h(train)}, evaluation ${h(evaluation)} (${((100 * evaluation) / (train + evaluation)).toFixed(1)} %); all cores busy throughout: ${h((train + evaluation) / cores)}`);
console.log(`each run evaluates its own snapshots: ${h(inline)}`);
const less = (s: number) => `${Math.abs((100 * (inline - s)) / inline).toFixed(1)} % ${s <= inline ? "less" : "more"}`;
console.log(`snapshots evaluated beside training:  ${h(beside)} (${less(beside)})`);
console.log(`the same, --longest-first:            ${h(longest)} (${less(longest)})`);
