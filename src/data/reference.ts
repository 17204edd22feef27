/**
 * The published reference figures in data/reference/ (CSV with a header row; quoted fields may hold commas).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const REFERENCE_DIR = join(__dirname, "..", "..", "data", "reference");

/** Parse CSV text (RFC 4180 quoting) into objects keyed by the header row. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [], cell = "", quoted = false;
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    if (quoted) {
      if (ch === '"' && text[k + 1] === '"') {
        cell += '"';
        k++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[k + 1] === "\n") k++;
      row.push(cell);
      if (row.some((c) => c !== "")) rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] ?? ""])));
}

export interface ReferenceAccuracy {
  source: string;
  model: string;
  neurons: number;
  /** Training presentations, when the source gives them. */
  trainPresentations?: number;
  testSamples?: number;
  labelAssignment: string;
  accuracy: number;
  spread?: number;
  note: string;
  url: string;
}

/**
 * Published and measured accuracies (data/reference/README.md): `file` "published_accuracy.csv" (Diehl & Cook and
 * BindsNET) or "lmsnn_accuracy.csv" (the lattice map SNN's lab table).
 */
export function loadReferenceAccuracy(dir = REFERENCE_DIR, file = "published_accuracy.csv"): ReferenceAccuracy[] {
  const num = (s: string) => (s === "" || s === "unknown" ? undefined : Number(s));
  return parseCsv(readFileSync(join(dir, file), "utf8")).map((r) => ({
    source: r.source, model: r.model, neurons: Number(r.neurons), trainPresentations: num(r.train_presentations),
    testSamples: num(r.test_samples), labelAssignment: r.label_assignment, accuracy: Number(r.accuracy_percent),
    spread: num(r.spread), note: r.note, url: r.url,
  }));
}

export interface ReferenceSpeed {
  source: string;
  implementation: string;
  hardware: string;
  neurons: number;
  mode: "train" | "inference";
  batch: number;
  samplesPerSec: number;
  note: string;
}

export function loadReferenceSpeed(dir = REFERENCE_DIR): ReferenceSpeed[] {
  return parseCsv(readFileSync(join(dir, "published_speed.csv"), "utf8")).map((r) => ({
    source: r.source, implementation: r.implementation, hardware: r.hardware, neurons: Number(r.neurons),
    mode: r.mode as "train" | "inference", batch: Number(r.batch), samplesPerSec: Number(r.samples_per_second), note: r.note,
  }));
}
