/**
 * Sensitivity maps: the accuracy over two preset parameters (a `--vary` grid's records), seeds averaged, as a heatmap
 * with the preset's published values marked. Data in, plotly spec out.
 */
import { meanSd } from "../analysis/summary";
import { overrideEntries, presetFromLabel, splitPresetLabel } from "../core/overrides";
import { PRESETS, valueAtPath, withRule } from "../core/params";
import { groupBy } from "./accuracy";
import { FigureSpec } from "./spec";

/** The fields of a record a map reads (StoredRecord has them). */
export interface MapInput {
  preset: string;
  neurons: number;
  trainedSamples: number;
  accuracy: number;
}

/** One cell of a map: the two parameters' values and the accuracy over the seeds (mean, sd, n). */
export interface MapCell {
  x: number;
  y: number;
  accuracyMean: number;
  accuracySd: number;
  n: number;
}

/** A map over parameters `xPath` and `yPath` (dotted preset paths): its cells and the published values. */
export interface SensitivityMap {
  xPath: string;
  yPath: string;
  neurons: number;
  cells: MapCell[];
  /** The base preset's values of the two parameters (where the map's presets come from). */
  published: { x: number; y: number };
}

/**
 * The map of the records of one network size and training amount whose presets differ from one base preset (the same
 * name and rule) in `xPath` and `yPath` at most. Throws when the records hold no such grid, or more than one base.
 */
export function sensitivityMap(records: MapInput[], xPath: string, yPath: string, neurons: number, trainedSamples: number): SensitivityMap {
  const keep = mapRecords(records, xPath, yPath, neurons, trainedSamples);
  if (keep.length === 0) throw new RangeError(`sensitivity map: no records of ${neurons} neurons after ${trainedSamples} digits varying only ${xPath} and ${yPath}`);
  const bases = new Set(keep.map((r) => baseLabel(r.preset)));
  if (bases.size > 1) throw new RangeError(`sensitivity map: the records vary more than one base preset (${[...bases].join(", ")}): filter them first`);
  const at = (label: string, path: string) => valueAtPath(presetFromLabel(label), path.split(".")) as number;
  const cells = [...groupBy(keep, (r) => `${at(r.preset, xPath)}|${at(r.preset, yPath)}`).values()].map((g) => {
    const s = meanSd(g.map((r) => r.accuracy));
    return { x: at(g[0].preset, xPath), y: at(g[0].preset, yPath), accuracyMean: s.mean, accuracySd: s.sd, n: s.n };
  }).sort((a, b) => a.y - b.y || a.x - b.x);
  const { name, rule } = splitPresetLabel(keep[0].preset);
  const base = rule === undefined ? PRESETS[name] : withRule(PRESETS[name], rule);
  return { xPath, yPath, neurons, cells, published: { x: valueAtPath(base, xPath.split(".")) as number, y: valueAtPath(base, yPath.split(".")) as number } };
}

/** The records a map over `xPath` and `yPath` draws: that size and training amount, presets overriding nothing else. */
export function mapRecords<T extends MapInput>(records: T[], xPath: string, yPath: string, neurons: number, trainedSamples: number): T[] {
  return records.filter((r) => r.neurons === neurons && r.trainedSamples === trainedSamples && overridesOnly(r.preset, [xPath, yPath]));
}

/** The heatmap of a map: cells coloured by mean accuracy and labelled with it (and n), the published values ringed. */
export function sensitivityMapFigure(map: SensitivityMap, title?: string): FigureSpec {
  const xs = [...new Set(map.cells.map((c) => c.x))].sort((a, b) => a - b);
  const ys = [...new Set(map.cells.map((c) => c.y))].sort((a, b) => a - b);
  const cell = (x: number, y: number) => map.cells.find((c) => c.x === x && c.y === y);
  const z = ys.map((y) => xs.map((x) => cell(x, y)?.accuracyMean ?? null));
  const text = ys.map((y) => xs.map((x) => { const c = cell(x, y); return c ? `${c.accuracyMean.toFixed(2)} ± ${c.accuracySd.toFixed(2)} (${c.n})` : ""; }));
  const label = (v: number) => v.toLocaleString("en-US", { maximumSignificantDigits: 4 });
  const data: Record<string, unknown>[] = [{
    type: "heatmap", x: xs.map(label), y: ys.map(label), z, text, texttemplate: "%{text}", colorscale: "Viridis",
    colorbar: { title: { text: "accuracy %" } }, hovertemplate: `${map.xPath} %{x}, ${map.yPath} %{y}: %{text}<extra></extra>`,
  }];
  if (xs.includes(map.published.x) && ys.includes(map.published.y)) {
    data.push({
      type: "scatter", mode: "markers", name: "published values", x: [label(map.published.x)], y: [label(map.published.y)],
      marker: { symbol: "square-open", size: 60, color: "#fff", line: { width: 3 } }, hoverinfo: "skip",
    });
  }
  return {
    data,
    layout: {
      title: { text: title ?? `Accuracy over ${map.xPath} x ${map.yPath}, ${map.neurons.toLocaleString("en-US")} neurons`, font: { size: 15 } },
      height: 480, xaxis: { title: { text: map.xPath }, type: "category" }, yaxis: { title: { text: map.yPath }, type: "category" },
      showlegend: false, margin: { t: 60, b: 60, l: 90, r: 20 },
    },
  };
}

/** The label's preset name and rule (what comes before any `+`). */
function baseLabel(label: string): string {
  const plus = label.indexOf("+");
  return plus < 0 ? label : label.slice(0, plus);
}

/** Whether the label overrides nothing but `paths`. */
function overridesOnly(label: string, paths: string[]): boolean {
  const { overrides } = splitPresetLabel(label);
  return !overrides || overrideEntries(overrides).every(([path]) => paths.includes(path));
}
