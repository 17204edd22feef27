/**
 * danfojs-node DataFrames for tables (printing, CSV). Statistics are computed in plain TS first: danfojs arithmetic
 * runs in float32. Imported only by code that needs tables (loading danfojs takes about a second).
 */
import { inspect } from "node:util";
import * as dfd from "danfojs-node";
import { classCounts, Digits } from "../data/digits";

export type DataFrame = dfd.DataFrame;

// A DataFrame as a notebook cell's last line (tslab prints it with util.inspect) or in console.log: its table, not
// danfojs's internals. For an HTML table use show(frame) from ../notebook/display.
Object.defineProperty(dfd.DataFrame.prototype, inspect.custom, {
  value(this: dfd.DataFrame) {
    return this.toString();
  },
  configurable: true,
});

/** A DataFrame from plain row objects (all rows with the same keys). */
export function frameFromRows(rows: Record<string, string | number | boolean>[]): dfd.DataFrame {
  if (rows.length === 0) throw new RangeError("frameFromRows: no rows (danfojs cannot build an empty frame from rows)");
  return new dfd.DataFrame(rows);
}

/** One row per class: the number of digits of that class in each named part. */
export function classCountsTable(parts: Record<string, Digits>): dfd.DataFrame {
  const counts = Object.entries(parts).map(([name, d]) => [name, classCounts(d.labels)] as const);
  const rows = Array.from({ length: 10 }, (_, c) => {
    const row: Record<string, number> = { class: c };
    for (const [name, n] of counts) row[name] = n[c];
    return row;
  });
  const total: Record<string, string | number> = { class: "all" };
  for (const [name, n] of counts) total[name] = n.reduce((a, b) => a + b, 0);
  return frameFromRows([...rows, total]);
}
