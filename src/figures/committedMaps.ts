/**
 * The sensitivity maps committed in data/results/sensitivity (README there: commands, findings): which two parameters,
 * which network size and training amount. The figures script, the table script and notebook 06 draw those whose
 * records the store holds.
 */
import { MapInput, mapRecords, SensitivityMap, sensitivityMap } from "./sensitivity";

export interface MapSpec {
  /** The figure's file name under docs/figures. */
  name: string;
  xPath: string;
  yPath: string;
  neurons: number;
  trainedSamples: number;
  /** What the map varies, in words, for titles. */
  about: string;
}

export const COMMITTED_MAPS: readonly MapSpec[] = [
  { name: "sensitivity-theta-400", xPath: "exc.thetaPlusMv", yPath: "exc.tauThetaMs", neurons: 400, trainedSamples: 50000, about: "theta_plus x tau_theta" },
  { name: "sensitivity-inhibition-100", xPath: "exc.thetaPlusMv", yPath: "wInhExc", neurons: 100, trainedSamples: 50000, about: "theta_plus x inhibition weight" },
  { name: "sensitivity-inhibition-400", xPath: "exc.thetaPlusMv", yPath: "wInhExc", neurons: 400, trainedSamples: 50000, about: "theta_plus x inhibition weight" },
  { name: "sensitivity-inhibition-1600", xPath: "exc.thetaPlusMv", yPath: "wInhExc", neurons: 1600, trainedSamples: 50000, about: "theta_plus x inhibition weight" },
];

/** A map's title: what it varies, the size and the training, the data. */
export function mapTitle(spec: MapSpec): string {
  return `Validation accuracy over ${spec.about} (${spec.neurons.toLocaleString("en-US")} neurons, one pass over ${spec.trainedSamples.toLocaleString("en-US")} digits, mnist-full)`;
}

/** The maps of `specs` that `records` hold at least one point of, in the order of `specs`. */
export function availableMaps(records: MapInput[], specs: readonly MapSpec[] = COMMITTED_MAPS): { spec: MapSpec; map: SensitivityMap }[] {
  return specs.filter((spec) => mapRecords(records, spec.xPath, spec.yPath, spec.neurons, spec.trainedSamples).length > 0)
    .map((spec) => ({ spec, map: sensitivityMap(records, spec.xPath, spec.yPath, spec.neurons, spec.trainedSamples) }));
}
