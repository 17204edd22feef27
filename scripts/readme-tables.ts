/** The generated part of a store's README: what lies between "<!-- tables -->" and "<!-- /tables -->". */
import { readFileSync, writeFileSync } from "node:fs";

/** Replace the tables section of `readme` with `lines`, or throw if it has none. */
export function writeTablesSection(readme: string, lines: string[]): void {
  const text = readFileSync(readme, "utf8");
  const start = text.indexOf("<!-- tables -->"), end = text.indexOf("<!-- /tables -->");
  if (start < 0 || end < start) throw new Error(`${readme} has no "<!-- tables -->" ... "<!-- /tables -->" section`);
  writeFileSync(readme, `${text.slice(0, start)}<!-- tables -->\n${lines.join("\n")}\n${text.slice(end)}`);
}
