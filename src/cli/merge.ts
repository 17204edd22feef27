/** `snn merge`: append the records of other results stores (runs made elsewhere) to a store. */
import { mergeStores } from "../experiment/merge";
import { ResultsStore } from "../experiment/store";
import { parseOptions, UsageError } from "./args";

export const MERGE_USAGE = `snn merge --from DIR[,DIR...] [options]
  --from DIR,...     the results stores to take records from (their records are left as they are)
  --out DIR          the store to append them to (default data/results; locked while merging, like a sweep)
  --json             print the report as JSON
Cells the target already holds keep their record; a cell held with another accuracy is listed as a conflict (exit 1).`;

export async function mergeCommand(argv: string[]): Promise<number> {
  const o = parseOptions(argv, { from: { type: "string" }, out: { type: "string" }, json: { type: "boolean" } });
  const sources = typeof o.from === "string" ? o.from.split(",").filter((d) => d !== "") : [];
  if (sources.length === 0) throw new UsageError("give at least one --from DIR (a results store)");
  const out = typeof o.out === "string" ? o.out : "data/results";
  const store = ResultsStore.open(out);
  try {
    const report = mergeStores(store, sources);
    if (o.json) console.log(JSON.stringify({ out, ...report, records: store.size }));
    else {
      console.log(`${out}: ${report.added} records added, ${report.alreadyStored} already stored, ${store.size} in all`);
      for (const c of report.conflicts) console.log(`conflict: ${c}`);
    }
    return report.conflicts.length > 0 ? 1 : 0;
  } finally {
    store.close();
  }
}
