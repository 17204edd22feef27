/** `snn summary`: accuracy over seeds (mean, sd, n) per preset, size and training amount of a results store. */
import { summarizeAccuracy, summaryText } from "../analysis/summary";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { RECORDS_JSONL, ResultsStore } from "../experiment/store";
import { parseOptions, UsageError } from "./args";

export const SUMMARY_USAGE = `snn summary [options]
  --out DIR          results store (default data/results)
  --csv FILE         also write the summary as CSV (danfojs)
  --json             print the summary as JSON`;

export async function summaryCommand(argv: string[]): Promise<number> {
  const o = parseOptions(argv, { out: { type: "string" }, csv: { type: "string" }, json: { type: "boolean" } });
  const dir = typeof o.out === "string" ? o.out : "data/results";
  if (!existsSync(join(dir, RECORDS_JSONL))) {
    throw new UsageError(`no results store at ${dir} (it has no ${RECORDS_JSONL}): give the --out of a sweep`);
  }
  const store = ResultsStore.read(dir);
  const rows = summarizeAccuracy(store.records());
  if (typeof o.csv === "string" && rows.length > 0) {
    // danfojs takes about a second to load (and is an optional peer dependency): only when a CSV is asked for.
    const tables = require("../tables") as typeof import("../tables");
    tables.exportCsv(tables.summaryFrame(store.records()), o.csv);
  }
  if (o.json) console.log(JSON.stringify({ out: dir, records: store.size, summary: rows }));
  else console.log(`${store.jsonlPath}: ${store.size} records\n${summaryText(rows)}`);
  return 0;
}
