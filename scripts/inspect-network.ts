/**
 * What a saved network (saveNetwork, or a sweep's checkpoint) does when it is frozen, as for label assignment and
 * testing: where its thresholds sit against the resting potential, and how concentrated its responses to the first
 * --digits training digits are (learning off, theta frozen; no test digits). One line per file:
 *
 *   node --import tsx scripts/inspect-network.ts --from a.snn,b.snn [--digits 200] [--dataset mnist-full] [--json]
 *
 * Columns: digits the network had trained on; neurons whose threshold (v_thresh + theta - offset) lies below v_rest
 * (they fire without input once free of inhibition); threshold above rest, mV, minimum and quantiles 10/50 %; frozen
 * responses: spikes per digit, neurons firing per digit, neurons that fired at all; the busiest neuron's spikes per
 * digit and threshold above rest; the share of all spikes from the busiest 1 and 5 neurons and from below-rest neurons.
 *
 * With --accuracy, two diagnostic accuracies (all-activity, percent) follow: labels from training digits 0 ..
 * --label-digits, evaluated on the --eval-digits training digits from --eval-from (digits the network has trained on, so
 * not a test accuracy), first as saved, then with every threshold below v_rest + 0.5 mV lifted to it (an intervention
 * that shows whether the weights or the frozen thresholds make the answer).
 */
import { basename } from "node:path";
import { quantiles, spikeConcentration } from "../src/analysis/diagnostics";
import { choiceOption, intOption, parseOptions, UsageError } from "../src/cli/args";
import { Network } from "../src/core/network";
import { assignFromResponses, evaluateResponses, respond } from "../src/experiment/phases";
import { loadNetwork } from "../src/core/snapshot";
import { DATASETS, DatasetName, loadMnist } from "../src/data/mnist";

const o = parseOptions(process.argv.slice(2), {
  from: { type: "string" }, digits: { type: "string" }, dataset: { type: "string" }, json: { type: "boolean" },
  accuracy: { type: "boolean" }, "label-digits": { type: "string" }, "eval-from": { type: "string" }, "eval-digits": { type: "string" },
});
if (typeof o.from !== "string" || o.from.trim() === "") throw new UsageError("--from is required: saved networks (.snn), comma-separated");
const files = o.from.split(",");
const dataset = choiceOption<DatasetName>(o, "dataset", "mnist-full", DATASETS);
const train = loadMnist({ dataset, test: 0 }).train;
const digits = intOption(o, "digits", 200, 1, train.count);
const labelDigits = intOption(o, "label-digits", 5000, 1, train.count);
const evalFrom = intOption(o, "eval-from", 20000, 0, train.count - 1);
const evalDigits = intOption(o, "eval-digits", 2000, 1, train.count - evalFrom);
/** The lift of the --accuracy intervention: thresholds below v_rest + LIFT_TO_MV are raised to it. */
const LIFT_TO_MV = 0.5;

if (!o.json) {
  console.log(`trained  below-rest  thr-rest min/q10/q50  spikes/digit  firing/digit  fired  busiest/digit (thr-rest)  top1  top5  below-rest-share${o.accuracy ? "  accuracy saved/lifted" : ""}  file`);
}
for (const file of files) {
  const net = loadNetwork(file);
  const { neurons } = net;
  const e = net.preset.exc;
  const aboveRest = Float64Array.from(net.state.theta.subarray(0, neurons), (theta) => e.vThreshMv - e.thetaOffsetMv + theta - e.vRestMv);
  const belowRest = aboveRest.filter((mv) => mv < 0).length;
  const trained = net.totals.digits;
  const r = respond(net, train, { samples: digits });
  const perNeuron = new Float64Array(neurons);
  let firingPerDigit = 0;
  for (let k = 0; k < r.samples; k++) {
    for (let j = 0; j < neurons; j++) {
      const c = r.counts[k * neurons + j];
      perNeuron[j] += c;
      if (c > 0) firingPerDigit++;
    }
  }
  const top5 = spikeConcentration(perNeuron, 5);
  const busiest = top5.top[0].neuron;
  let fromBelowRest = 0;
  for (let j = 0; j < neurons; j++) if (aboveRest[j] < 0) fromBelowRest += perNeuron[j];
  const row = {
    file, trained, neurons, belowRest, thresholdAboveRestMv: [Math.min(...aboveRest), ...quantiles(aboveRest, [0.1, 0.5])],
    spikesPerDigit: top5.spikes / digits, firingPerDigit: firingPerDigit / digits, fired: top5.firing,
    busiest: { neuron: busiest, spikesPerDigit: perNeuron[busiest] / digits, thresholdAboveRestMv: aboveRest[busiest] },
    top1Share: top5.spikes > 0 ? top5.top[0].spikes / top5.spikes : 0, top5Share: top5.topShare,
    belowRestShare: top5.spikes > 0 ? fromBelowRest / top5.spikes : 0,
    ...(o.accuracy ? { accuracySaved: trainingAccuracy(loadNetwork(file)), accuracyLifted: trainingAccuracy(lifted(loadNetwork(file))) } : {}),
  };
  if (o.json) {
    console.log(JSON.stringify(row));
    continue;
  }
  const pct = (x: number): string => `${(100 * x).toFixed(0)}%`;
  console.log([String(trained).padStart(7), String(belowRest).padStart(12), row.thresholdAboveRestMv.map((x) => x.toFixed(1)).join("/").padStart(22),
    row.spikesPerDigit.toFixed(1).padStart(14), row.firingPerDigit.toFixed(1).padStart(14), String(row.fired).padStart(7),
    `${row.busiest.spikesPerDigit.toFixed(1)} (${row.busiest.thresholdAboveRestMv.toFixed(1)} mV)`.padStart(26),
    pct(row.top1Share).padStart(6), pct(row.top5Share).padStart(6), pct(row.belowRestShare).padStart(18),
    row.accuracySaved !== undefined ? `${row.accuracySaved.toFixed(2)}/${(row.accuracyLifted ?? NaN).toFixed(2)}`.padStart(23) : "", `  ${basename(file)}`].join(""));
}

/** All-activity accuracy on training digits (see --accuracy): labels from the first labelDigits, evaluated on evalDigits from evalFrom. */
function trainingAccuracy(net: Network): number {
  const assignment = assignFromResponses(respond(net, train, { samples: labelDigits }));
  return evaluateResponses(respond(net, train, { start: evalFrom, samples: evalDigits }), assignment).accuracy;
}

/** The network with every threshold below v_rest + LIFT_TO_MV raised to it (theta changed; nothing else). */
function lifted(net: Network): Network {
  const e = net.preset.exc;
  const minTheta = e.vRestMv + LIFT_TO_MV - e.vThreshMv + e.thetaOffsetMv;
  for (let j = 0; j < net.neurons; j++) net.state.theta[j] = Math.max(net.state.theta[j], minTheta);
  net.refreshThresholds();
  return net;
}
