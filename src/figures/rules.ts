/**
 * The four-rules comparison: accuracy against the number of excitatory neurons after one pass, one series per learning
 * rule (and normalisation setting) on one base preset, beside the paper's points. Data in, plotly spec out.
 */
import { SummaryInput, SummaryRow, summarizeAccuracy } from "../analysis/summary";
import { presetFromLabel } from "../core/overrides";
import { ReferenceAccuracy } from "../data/reference";
import { accuracyLayout, finalRows, groupBy, measuredTrace, referenceTraces, ticksAt } from "./accuracy";
import { FigureSpec } from "./spec";

/** The base preset a label names (the part before any `@rule` or `+override`). */
export function basePresetName(label: string): string {
  return label.split(/[@+]/)[0];
}

/** How the comparison names a preset label's learning rule: the rule, and whether weight normalisation runs. */
export function ruleSeriesName(label: string): string {
  const { stdp } = presetFromLabel(label);
  return `${stdp.rule}, ${stdp.normalize === false ? "no normalisation" : "normalised"}`;
}

/**
 * The rows of the comparison: the final snapshot of complete one-pass runs of `base` with any rule (test digits,
 * the dataset's order), one row per (preset label, neurons). Records of a preset label with overrides other than the
 * rule's normalisation are left out, so that every series differs from the base in its rule only; so are the sizes at
 * which only the base preset ran.
 */
export function ruleComparisonRows(records: SummaryInput[], base: string): SummaryRow[] {
  const onePass = records.filter((r) => r.epochs === 1 && basePresetName(r.preset) === base && (r.evaluatedOn ?? "test") === "test" &&
    r.shuffleSeed === undefined && onlyRuleChanges(r.preset));
  const rows = finalRows(summarizeAccuracy(onePass));
  const compared = new Set(rows.filter((r) => r.preset !== base).map((r) => r.neurons)); // sizes where another rule ran
  return rows.filter((r) => compared.has(r.neurons));
}

function onlyRuleChanges(label: string): boolean {
  const plus = label.indexOf("+");
  return plus < 0 || label.slice(plus + 1) === "stdp.normalize=true" || label.slice(plus + 1) === "stdp.normalize=false";
}

/** Accuracy against neurons (log x) after one pass, one series per rule, with the paper's points (`references`). */
export function accuracyByRuleFigure(rows: SummaryRow[], references: ReferenceAccuracy[] = [], title = "Accuracy vs neurons after one pass, per learning rule"): FigureSpec {
  const series = groupBy(rows, (r) => ruleSeriesName(r.preset));
  const measured = [...series].sort(([a], [b]) => a.localeCompare(b)).map(([name, g]) => measuredTrace(name, g, (r) => r.neurons));
  const paper = references.filter((r) => r.model === "DiehlCook2015");
  return {
    data: [...measured, ...referenceTraces(paper, (r) => r.neurons)],
    layout: accuracyLayout(title, "excitatory neurons", ticksAt([...rows.map((r) => r.neurons), ...paper.map((r) => r.neurons)])),
  };
}
