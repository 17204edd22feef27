/** `snn sweep`: a grid of runs on worker threads, stored in a resumable results store, summarised at the end. */
import { availableParallelism } from "node:os";
import { evaluatedOnLabel, summarizeAccuracy, summaryText, trainOrder } from "../analysis/summary";
import { canonicalDataset, DatasetName, DATASETS, datasetSizes, evaluationDigitsAvailable, trainingDigitsAvailable } from "../data/datasets";
import { runSweep, SweepEvent } from "../experiment/pool";
import { queueUrl } from "../queue/url";
import { DEFAULT_LABEL_DIGITS } from "../experiment/config";
import { defaultTrainAmounts, SweepSpec, sweepRuns } from "../experiment/sweep";
import { gridPoints, ParameterAxis, parseAxis } from "../experiment/grid";
import { readFileSync } from "node:fs";
import { choiceOption, datasetOption, intListOption, intOption, parseOptions, testRepeatsOption, UsageError } from "./args";
import { PRESET_HELP, presetOption } from "./preset";
import { formatDuration, OverallProgress, progressText } from "./progress";
import { needPackage } from "./optional";
import { threadsOption } from "./threads";

export const SWEEP_USAGE = `snn sweep [options]
  --neurons N,N,...  network sizes (default 100,400)
  --train A,A,...    training amounts (digits seen) to evaluate (default 1000,2000,5000,... up to the
                     whole training split; with --epochs also at the end of every pass)
  --epochs E         passes over all training digits (mnist-full paper runs); snapshots also at each pass's end
  --seeds K          seeds 1..K (default 3), or --seed-list 4,7,9
  --test N           test digits (default: the whole test split)
  --labels N         label digits at intermediate snapshots (default 10000; the last snapshot uses all)
  --dataset NAME     ${DATASETS.join(" | ")} (default mnist; fashion-mnist: after
                     npm run data:fashion), or idx:DIR: a folder of IDX files named as MNIST's four
                     (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-..., optionally .gz; records name it by
                     path and content hash)
${PRESET_HELP}
  --workers W        worker threads (default ${availableParallelism()}, the cores): runs and the evaluations of their
                     snapshots together use at most W cores; when fewer runs than W remain, each run's snapshots are
                     evaluated beside its training on a free core (the same records, sooner)
  --threads T        split each run's network across T threads (default 1; bit-identical records, only the wall
                     clock differs): W workers then use W x T cores and each run evaluates its own snapshots.
                     Pays only where threads meet fast: slower on this project's 2-core VM (docs/threads.md);
                     auto: the free cores per worker for networks of 1,600 neurons or more, else 1
  --evaluate-inline  each run evaluates its own snapshots before training on (as before evaluation beside training)
  --longest-first    start the plan's most expensive runs first, whatever their sweep (default: each sweep of a plan
                     in turn, each sweep's runs most expensive first); the plan ends sooner
  --out DIR          results store (default data/results)
  --queue URL        run the grid's cells as BullMQ jobs on Redis (redis://[user:pass@]host:port[/db], rediss:// for
                     TLS; or set SNN_QUEUE_URL) and collect the records from \`snn worker\` processes
  --queue-name NAME  BullMQ queue (default snn-sweep)
  --queue-wait S     with --queue: stop (exit 1, jobs stay queued) when Redis does not answer for S seconds (default
                     30) or no worker consumes the queue for 4 S seconds (default 120)
  --validation       evaluate on the last --test training digits (held out) instead of the test digits
  --test-repeats K   present the evaluation digits K times at every snapshot, with fresh input noise, and report the
                     accuracy over all K presentations (default 1; K > 1 is a cell of its own; records also keep
                     the first presentation's accuracy, accuracyFirstRepeat)
  --shuffle SEED     train every run on the digits in an order shuffled with SEED (default: the dataset's order)
  --plan FILE        run the sweeps listed in a JSON file (an array of SweepSpec objects, see src/experiment/sweep.ts)
                     in order on one pool of threads, instead of the grid options above
  --keep-networks    keep each completed run's trained network in OUT/networks/RUNID.snn (20 MB at 6,400 neurons;
                     loadNetwork reads it; not with --queue)
  --vary PATH=V,V,.. repeat the sweep at every point of a parameter grid (repeat --vary for more axes: their cartesian
                     product), e.g. --vary exc.thetaPlusMv=0.025,0.05,0.1 --vary wInhExc=12,17,22 (the preset's field
                     names, as in --override); each point's records name it as an override of the preset, with its
                     own presetHash. Evaluated on validation digits (as --validation) unless --on-test
  --json             print the summary as JSON
A killed or interrupted sweep resumes where it stopped when run again with the same options.`;

export async function sweepCommand(argv: string[]): Promise<number> {
  const o = parseOptions(argv, {
    neurons: { type: "string" }, train: { type: "string" }, epochs: { type: "string" }, seeds: { type: "string" },
    "seed-list": { type: "string" }, test: { type: "string" }, labels: { type: "string" }, dataset: { type: "string" },
    preset: { type: "string" }, workers: { type: "string" }, out: { type: "string" }, json: { type: "boolean" },
    queue: { type: "string" }, "queue-name": { type: "string" }, plan: { type: "string" }, validation: { type: "boolean" },
    shuffle: { type: "string" }, override: { type: "string" }, rule: { type: "string" }, "keep-networks": { type: "boolean" },
    "queue-wait": { type: "string" }, vary: { type: "string", multiple: true }, "on-test": { type: "boolean" },
    "evaluate-inline": { type: "boolean" }, "longest-first": { type: "boolean" }, threads: { type: "string" },
    "test-repeats": { type: "string" },
  });
  const axes = varyAxes(o.vary);
  if (o["on-test"] && axes.length === 0) throw new UsageError("--on-test goes with --vary (without it a sweep evaluates on the test digits anyway)");
  if (axes.length > 0 && typeof o.plan === "string") throw new UsageError("--vary varies the grid options' sweep: not with --plan (list the points in the plan instead)");
  // a parameter search makes choices: on validation digits unless asked otherwise
  if (axes.length > 0 && !o["on-test"]) o.validation = true;
  const dataset = datasetOption(o);
  const sizes = datasetSizes(dataset);
  const epochs = o.epochs === undefined ? undefined : intOption(o, "epochs", 1, 1, 1000);
  const testSamples = intOption(o, "test", sizes.test, 1, evaluationDigitsAvailable(dataset, Boolean(o.validation)));
  const available = trainingDigitsAvailable(dataset, o.validation ? testSamples : 0);
  const defaultAmounts = defaultTrainAmounts(available);
  const seeds = o["seed-list"] !== undefined ? intListOption(o, "seed-list", undefined, 0, 0xffffffff)
    : Array.from({ length: intOption(o, "seeds", 3, 1, 1000) }, (_, k) => k + 1);
  const grid: SweepSpec = {
    neurons: intListOption(o, "neurons", [100, 400], 1, 100000),
    trainAmounts: intListOption(o, "train", defaultAmounts, 1, available * (epochs ?? 1)),
    epochs, seeds, dataset,
    preset: presetOption(o),
    testSamples,
    labelSamples: intOption(o, "labels", DEFAULT_LABEL_DIGITS, 1, sizes.train),
    ...(o.validation ? { validation: true } : {}),
    ...(o.shuffle !== undefined ? { shuffleSeed: intOption(o, "shuffle", undefined, 0, 0xffffffff) } : {}),
    ...testRepeatsOption(o),
  };
  if (typeof o.plan === "string" && o["test-repeats"] !== undefined) throw new UsageError("--test-repeats goes in the plan with --plan (a sweep's testRepeats field)");
  const points = axes.length > 0 ? usage(() => gridPoints(grid, axes)) : [];
  const specs: SweepSpec[] = typeof o.plan === "string" ? readPlan(o.plan) : points.length > 0 ? points.map((p) => p.spec) : [grid];
  if (points.length > 0) console.error(`parameter grid: ${points.length} points (${axes.map((a) => `${a.path} x ${a.values.length}`).join(", ")}), evaluated on ${grid.validation ? "validation" : "test"} digits`);
  const out = typeof o.out === "string" ? o.out : "data/results";
  const workers = intOption(o, "workers", availableParallelism(), 1, 256);
  const fewest = Math.min(...specs.map((s) => Math.min(...s.neurons)));
  const threads = threadsOption(o, fewest, workers, (m) => console.error(`snn sweep: ${m}`));
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write("\nstopping: finished records are kept; run the same command again to resume\n");
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  const url = queueUrl(typeof o.queue === "string" ? o.queue : undefined);
  if (url && o["keep-networks"]) throw new UsageError("--keep-networks keeps networks on this machine: not with --queue (workers run elsewhere)");
  const wait = intOption(o, "queue-wait", 30, 1, 86400);
  if (url && threads > 1) throw new UsageError("--threads is for local sweeps: not with --queue");
  if (url && o["evaluate-inline"]) throw new UsageError("--evaluate-inline is for local sweeps: with --queue each `snn worker` decides (its idle threads' cores evaluate beside training)");
  const order = o["longest-first"] ? "longest-first" : "plan";
  const ui = sweepProgress(url ? 8 : workers, threads);
  const outcome = url
    ? await (await needPackage("bullmq", "a sweep on a queue (--queue, SNN_QUEUE_URL)", async () => require("../queue/submit") as typeof import("../queue/submit"))).submitSweep(specs, {
      url, out, queueName: o["queue-name"] as string | undefined, signal: controller.signal, onEvent: ui.onEvent,
      redisTimeoutMs: 1000 * wait, noWorkerMs: 4000 * wait, order,
    })
    : await runSweep(specs, { out, workers, signal: controller.signal, onEvent: ui.onEvent, keepNetworks: Boolean(o["keep-networks"]),
      evaluateBeside: !o["evaluate-inline"], order, threads });
  process.off("SIGINT", onSigint);
  ui.close();
  const inSweep = (r: { preset: string; dataset: string; neurons: number; evaluatedOn?: string; shuffleSeed?: number; testRepeats?: number }) => specs.some((s) =>
    s.preset === r.preset && canonicalDataset(s.dataset) === canonicalDataset(r.dataset as DatasetName) && s.neurons.includes(r.neurons) &&
    evaluatedOnLabel(r) === evaluatedOnLabel({ evaluatedOn: s.validation ? "validation" : "test", testRepeats: s.testRepeats }) && trainOrder(r) === trainOrder(s));
  const rows = summarizeAccuracy(outcome.store.records().filter(inSweep));
  if (o.json) console.log(JSON.stringify({ out, interrupted: outcome.interrupted, errors: outcome.errors.length, seconds: outcome.seconds, summary: rows }));
  else {
    console.log(`results: ${outcome.store.jsonlPath} (${outcome.store.size} records), ${formatDuration(outcome.seconds)}${outcome.interrupted ? ", interrupted" : ""}`);
    console.log(summaryText(rows));
  }
  if (outcome.errors.length > 0) {
    console.error(`${outcome.errors.length} run(s) failed (each said why above); the others' records are stored. Set SNN_DEBUG=1 for the stack traces.`);
    if (process.env.SNN_DEBUG) for (const e of outcome.errors) console.error(`run N=${e.config.neurons} seed ${e.config.seed}: ${e.message}`);
  }
  return outcome.interrupted ? 130 : outcome.errors.length > 0 ? 1 : 0;
}

/** The --vary options as grid axes (none without them). */
function varyAxes(raw: unknown): ParameterAxis[] {
  const texts = raw === undefined ? [] : (Array.isArray(raw) ? raw : [raw]).map(String);
  return usage(() => texts.map(parseAxis));
}

/** fn's value; its errors (a bad grid) as usage errors. */
function usage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** A plan file: a JSON array of sweep specs (each checked when its runs are built). */
export function readPlan(path: string): SweepSpec[] {
  let plan: unknown;
  try {
    plan = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new UsageError(`--plan ${path}: ${(e as Error).message}`);
  }
  if (!Array.isArray(plan) || plan.length === 0) throw new UsageError(`--plan ${path}: expected a non-empty JSON array of sweep specs`);
  plan.forEach((spec, k) => {
    for (const key of ["neurons", "seeds", "preset", "dataset", "trainAmounts", "testSamples"]) {
      if (!(key in spec)) throw new UsageError(`--plan ${path}: sweep ${k + 1} has no "${key}"`);
    }
    sweepRuns(spec); // validates
  });
  return plan as SweepSpec[];
}

/**
 * One progress line per worker on stderr (redrawn in place on a terminal; otherwise a line at every tenth of a run's
 * training and at least once a minute, so a log of a long run still shows it moving). `threads`: each run's (--threads).
 */
function sweepProgress(workers: number, threads: number) {
  const tty = Boolean(process.stderr.isTTY);
  const lines = new Array<string>(workers + 1).fill(""); // one per worker, then the sweep's overall line
  // Rates per worker and phase: the time between two progress events is the work of the later event's phase.
  const lastEventAt = new Array<number>(workers).fill(0);
  const lastDone = new Array<number>(workers).fill(0);
  const lastPhase = new Array<string>(workers).fill("");
  const phaseSeconds = Array.from({ length: workers }, () => new Map<string, number>());
  const phaseDigits = Array.from({ length: workers }, () => new Map<string, number>());
  const lastPrinted = new Array<number>(workers).fill(-1);
  const lastPrintedAt = new Array<number>(workers).fill(0);
  const overall = new OverallProgress();
  let drawn = 0;
  const draw = () => {
    if (!tty) return;
    if (drawn > 0) process.stderr.write(`\x1b[${drawn}A`);
    for (const line of lines) process.stderr.write(`\r${line}\x1b[K\n`);
    drawn = lines.length;
  };
  const say = (text: string) => {
    if (tty && drawn > 0) process.stderr.write(`\x1b[${drawn}A\r\x1b[J`);
    drawn = 0;
    process.stderr.write(text + "\n");
    draw();
  };
  return {
    onEvent(e: SweepEvent) {
      if (e.type === "start") {
        overall.start(e.pendingRuns, e.pendingCost);
        const on = e.workers ? `on ${e.workers} worker${e.workers === 1 ? "" : "s"}${threads > 1 ? `, each network split across ${threads} threads` : ""}` : "by queue workers";
        say(`${e.runs} runs, ${e.storedCells} cells already stored, ${e.missingCells} to compute ${on}${e.repairedBytes ? ` (repaired a truncated last line: ${e.repairedBytes} bytes dropped)` : ""}`);
      } else if (e.type === "run-start") {
        lastEventAt[e.worker] = performance.now();
        lastPhase[e.worker] = "";
        phaseSeconds[e.worker].clear();
        phaseDigits[e.worker].clear();
        lastPrinted[e.worker] = -1;
      } else if (e.type === "progress") {
        const c = e.config;
        const w = e.worker;
        const now = performance.now();
        // Digits since the last event of this phase (a new phase, or a resumed run past 0, counts from its first event).
        const digits = lastPhase[w] === e.phase && e.done >= lastDone[w] ? e.done - lastDone[w] : 0;
        if (lastPhase[w] === e.phase) {
          phaseSeconds[w].set(e.phase, (phaseSeconds[w].get(e.phase) ?? 0) + (now - lastEventAt[w]) / 1000);
          phaseDigits[w].set(e.phase, (phaseDigits[w].get(e.phase) ?? 0) + digits);
        }
        lastEventAt[w] = now;
        lastDone[w] = e.done;
        lastPhase[w] = e.phase;
        const label = `w${w} N=${c.neurons} s${c.seed} ${e.phase.padEnd(6)}`;
        lines[w] = progressText(label, e.done, e.total, phaseSeconds[w].get(e.phase) ?? 0, "", phaseDigits[w].get(e.phase) ?? 0);
        overall.progress(w, c, e.phase, e.done, e.total);
        lines[workers] = overall.text();
        if (tty) draw();
        else {
          const decile = Math.floor((10 * e.done) / e.total);
          if (e.phase === "train" && (decile !== lastPrinted[w] || now - lastPrintedAt[w] >= 60_000)) {
            lastPrinted[w] = decile;
            lastPrintedAt[w] = now;
            process.stderr.write(lines[w] + "\n");
          }
        }
      } else if (e.type === "run-done") {
        overall.runDone(e.worker, e.config);
        say(overall.text());
      } else if (e.type === "record") {
        const r = e.record;
        say(`stored N=${r.neurons} seed ${r.seed} after ${r.trainedSamples} digits: ${r.accuracy.toFixed(2)} %`);
      } else if (e.type === "error") {
        say(`run N=${e.config.neurons} seed ${e.config.seed} failed: ${e.message.split("\n")[0]}`);
      }
    },
    close() {
      if (tty && drawn > 0) process.stderr.write(`\x1b[${drawn}A\r\x1b[J`);
    },
  };
}
