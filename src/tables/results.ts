/** Results stores as danfojs DataFrames: load, summarise over seeds, export CSV. */
import * as dfd from "danfojs-node";
import { summarizeAccuracy, SummaryRow } from "../analysis/summary";
import { StoredRecord } from "../experiment/records";
import { loadRecords } from "../experiment/store";
import { frameFromRows } from "./dataframes";

/** Every record of the store in `dir` as plain objects (experiment/store.ts; also in the main entry). */
export { loadRecords };

/** The store in `dir` as a DataFrame, one row per record. */
export function loadResultsFrame(dir: string): dfd.DataFrame {
  return frameFromRows(loadRecords(dir) as unknown as Record<string, string | number>[]);
}

/** Mean, sd and n of the accuracy over seeds per (preset, dataset, neurons, training amount), as a DataFrame. */
export function summaryFrame(records: StoredRecord[]): dfd.DataFrame {
  return frameFromRows(summarizeAccuracy(records) as unknown as Record<string, string | number>[]);
}

/** Write a DataFrame to a CSV file. */
export function exportCsv(frame: dfd.DataFrame, path: string): void {
  dfd.toCSV(frame, { filePath: path });
}

export type { SummaryRow };
