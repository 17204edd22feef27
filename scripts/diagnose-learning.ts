/**
 * Learning diagnostics over training time (src/analysis/diagnostics.ts): train one network and print, for every window
 * of digits, the excitatory spikes per digit, how many neurons fired, the thresholds' distance above rest (quantiles of
 * vThresh + theta - offset - vRest), how many neurons have learned a receptive field, and the synchrony of the spikes
 * (largest volley, share of spikes in volleys of >= 10 neurons, share of repeats within 40 ms), the last three from one
 * recorded digit in every 100; then the distinct neurons firing per digit and the excitatory updates clamped at E_inh
 * per digit (Totals.eInhClamps), means over the window. No test digits are used: with --validate K the frozen network is labelled on the first
 * min(digits seen, 10,000) training digits and evaluated on the last K training digits, which are held out (never
 * trained on), every --validate-every digits (default 10,000) and at the end. --override applies a JSON patch to the
 * preset (withOverrides), for exploration. --from continues a saved network (saveNetwork, or a sweep's checkpoint,
 * data/results/.../checkpoints/*.snn) with its own size, seed and preset, on the training digits that follow the
 * ones it has seen (in the dataset's order, wrapping at the end of a pass, as a sweep trains); the digits column
 * counts from the network's first digit.
 *
 *   node --import tsx scripts/diagnose-learning.ts --neurons 6400 --seed 2 --train 30000 [--window 1000]
 *     [--dataset mnist-full] [--preset diehl-cook-2015] [--rule pre-post] [--override '{"exc":{"tauThetaMs":1e8}}'] [--validate 10000] [--json]
 *   node --import tsx scripts/diagnose-learning.ts --from net.snn --train 5000 [--window 1000] [--dataset mnist-full]
 */
import { learnedNeurons, quantiles, spikeTiming } from "../src/analysis/diagnostics";
import { choiceOption, intOption, parseOptions, UsageError } from "../src/cli/args";
import { presetOption } from "../src/cli/preset";
import { createRecording, Network, Recording } from "../src/core/network";
import { presetFromLabel } from "../src/core/overrides";
import { assignFromResponses, evaluateResponses, respond } from "../src/experiment/phases";
import { datasetSizes } from "../src/data/datasets";
import { selectDigits } from "../src/data/digits";
import { DEFAULT_LABEL_DIGITS } from "../src/experiment/config";
import { DATASETS, DatasetName, loadMnist } from "../src/data/mnist";
import { loadNetwork } from "../src/core/snapshot";

const RECORD_EVERY = 100;
const o = parseOptions(process.argv.slice(2), {
  neurons: { type: "string" }, seed: { type: "string" }, train: { type: "string" }, window: { type: "string" },
  dataset: { type: "string" }, preset: { type: "string" }, json: { type: "boolean" }, override: { type: "string" },
  validate: { type: "string" }, "validate-every": { type: "string" }, from: { type: "string" }, rule: { type: "string" },
});
const from = typeof o.from === "string" ? o.from : undefined;
if (from !== undefined) {
  const clash = ["neurons", "seed", "preset", "rule", "override", "validate"].filter((name) => o[name] !== undefined);
  if (clash.length > 0) {
    throw new UsageError(`--from takes the size, seed and preset from the saved network (and it has seen the held-out digits): drop --${clash.join(", --")}`);
  }
}
const saved = from === undefined ? undefined : loadNetwork(from);
const dataset = choiceOption<DatasetName>(o, "dataset", "mnist-full", DATASETS);
const preset = saved?.preset ?? presetFromLabel(presetOption(o));
const neurons = saved?.neurons ?? intOption(o, "neurons", undefined, 1);
const seed = saved?.seed ?? intOption(o, "seed", 1, 0);
const window = intOption(o, "window", 1000, 1);
const splitSize = datasetSizes(dataset).train;
const heldOut = o.validate === undefined ? 0 : intOption(o, "validate", undefined, 1, splitSize - 1);
const all = loadMnist({ dataset, test: 0 }).train;
/** Digits the network had seen before this script (a saved network continues with the next ones). */
const seenBefore = saved?.totals.digits ?? 0;
const train = selectDigits(all, Int32Array.from({ length: intOption(o, "train", undefined, 1, splitSize - heldOut) }, (_, k) => (seenBefore + k) % splitSize));
const validateEvery = intOption(o, "validate-every", 10000, 1);
const validation = selectDigits(all, Int32Array.from({ length: heldOut }, (_, k) => splitSize - heldOut + k));

const net = saved ?? new Network({ neurons, seed, preset });
const restMv = preset.exc.vRestMv;
const thresholdBaseMv = preset.exc.vThreshMv - preset.exc.thetaOffsetMv;
const fired = new Uint8Array(neurons);
let spikes = 0, recorded = 0, largestVolley = 0, inVolleys = 0, repeats = 0, recordedSpikes = 0, firing = 0;
let clampsBefore = net.totals.eInhClamps;
const started = Date.now();
if (!o.json) console.log("digits  spikes/digit  fired  threshold-rest mV q10/q50/q90  learned  largest-volley  in-volleys  repeats  s  neurons/digit  clamped/digit");
for (let k = 0; k < train.count; k++) {
  const rec: Recording | undefined = k % RECORD_EVERY === RECORD_EVERY / 2 ? createRecording(net) : undefined;
  spikes += net.present(train.images.subarray(k * 784, (k + 1) * 784), true, rec).spikes;
  for (let j = 0; j < neurons; j++) {
    if (net.counts[j] > 0) {
      fired[j] = 1;
      firing++;
    }
  }
  if (rec) {
    const t = spikeTiming(rec.excSteps, rec.excIndices, 10, Math.round(40 / preset.dtMs));
    recorded++;
    largestVolley += t.largestVolley;
    inVolleys += t.inVolleys;
    repeats += t.repeats;
    recordedSpikes += t.spikes;
  }
  if ((k + 1) % window !== 0 && k + 1 !== train.count) continue;
  const digits = (k % window) + 1;
  const [q10, q50, q90] = quantiles(net.state.theta.subarray(0, neurons), [0.1, 0.5, 0.9]).map((th) => thresholdBaseMv + th - restMv);
  const row = {
    digits: seenBefore + k + 1, spikesPerDigit: spikes / digits, fired: fired.reduce((a, b) => a + b, 0),
    thresholdAboveRestMv: [q10, q50, q90], learned: learnedNeurons(net.exportState().arrays.weights, neurons),
    largestVolley: recorded ? largestVolley / recorded : 0, inVolleysPercent: (100 * inVolleys) / Math.max(1, recordedSpikes),
    repeatsPercent: (100 * repeats) / Math.max(1, recordedSpikes), seconds: (Date.now() - started) / 1000,
    neuronsPerDigit: firing / digits, clampedPerDigit: (net.totals.eInhClamps - clampsBefore) / digits,
    validationAccuracy: heldOut > 0 && ((k + 1) % validateEvery === 0 || k + 1 === train.count) ? validate(net, k + 1) : undefined,
  };
  if (o.json) console.log(JSON.stringify(row));
  else {
    console.log([String(row.digits).padStart(6), row.spikesPerDigit.toFixed(1).padStart(13), String(row.fired).padStart(6),
      row.thresholdAboveRestMv.map((x) => x.toFixed(1)).join("/").padStart(29), String(row.learned).padStart(8),
      row.largestVolley.toFixed(1).padStart(15), `${row.inVolleysPercent.toFixed(0)}%`.padStart(11),
      `${row.repeatsPercent.toFixed(0)}%`.padStart(8), row.seconds.toFixed(0).padStart(4),
      row.neuronsPerDigit.toFixed(1).padStart(15), row.clampedPerDigit.toFixed(1).padStart(15),
      row.validationAccuracy !== undefined ? `  validation ${row.validationAccuracy.toFixed(2)} %` : ""].join(""));
  }
  spikes = recorded = largestVolley = inVolleys = repeats = recordedSpikes = firing = 0;
  clampsBefore = net.totals.eInhClamps;
  fired.fill(0);
}

/** Accuracy of a frozen copy on the held-out digits, labels from the first min(seen, 10,000) training digits. */
function validate(network: Network, seen: number): number {
  const frozen = network.clone();
  const assignment = assignFromResponses(respond(frozen, train, { samples: Math.min(seen, DEFAULT_LABEL_DIGITS) }));
  return evaluateResponses(respond(frozen, validation), assignment).accuracy;
}
