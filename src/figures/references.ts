/** Grouping of the published reference accuracies into the series the figures draw. */
import { ReferenceAccuracy } from "../data/reference";

/**
 * The series a reference row belongs to, or undefined for rows not comparable with ours (labels assigned on the test
 * set itself).
 */
export function referenceSeries(r: ReferenceAccuracy): string | undefined {
  if (r.labelAssignment.startsWith("test set")) return undefined;
  if (r.model === "DiehlCook2015") return "Diehl & Cook 2015 (paper)";
  if (r.model.startsWith("DiehlCook2015")) return "Diehl & Cook released code (readme)";
  if (r.model === "Brian") return "Brian (BindsNET lab table)";
  if (r.model.startsWith("BindsNET (all activity)")) return "BindsNET (lab table)";
  if (r.model.startsWith("BindsNET")) return "BindsNET runs (issues; measured here)";
  return r.model;
}

export const REFERENCE_SYMBOLS: Record<string, string> = {
  "Diehl & Cook 2015 (paper)": "star",
  "Diehl & Cook released code (readme)": "diamond-open",
  "Brian (BindsNET lab table)": "square",
  "BindsNET (lab table)": "triangle-up",
  "BindsNET runs (issues; measured here)": "x",
};

/** Hover text of a reference point. */
export function referenceHover(r: ReferenceAccuracy): string {
  const trained = r.trainPresentations ? `, ${r.trainPresentations} training presentations` : "";
  return `${r.source}: ${r.accuracy} %${r.spread ? ` +- ${r.spread}` : ""} (N = ${r.neurons}${trained})<br>${r.note}`;
}

/** Reference rows grouped by series (comparable rows only). */
export function groupReferences(refs: ReferenceAccuracy[]): Map<string, ReferenceAccuracy[]> {
  const groups = new Map<string, ReferenceAccuracy[]>();
  for (const r of refs) {
    const name = referenceSeries(r);
    if (!name) continue;
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name)!.push(r);
  }
  return groups;
}

/**
 * The references comparable with runs evaluated on `testSamples` test digits (and, when given, trained on
 * `trainDigits` digits): those measured so, or whose source does not say. A 2,000-digit test of the embedded set is
 * left out of a 10,000-digit comparison and back; a run on 4,000 digits out of one on 60,000.
 */
export function comparableReferences(refs: ReferenceAccuracy[], protocol: { testSamples: number; trainDigits?: number }): ReferenceAccuracy[] {
  return refs.filter((r) => (r.testSamples === undefined || r.testSamples === protocol.testSamples) &&
    (protocol.trainDigits === undefined || r.trainPresentations === undefined || r.trainPresentations === protocol.trainDigits));
}
