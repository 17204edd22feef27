import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

const DIR = join(__dirname, "..", "..", "notebooks");

// Committed notebooks stay small and diff cleanly: outputs (figures, the plotly bundle) live only in executed copies
// (build/notebooks, the report).
test("committed notebooks carry no outputs and no execution counts", () => {
  const books = readdirSync(DIR).filter((f) => f.endsWith(".ipynb"));
  assert.ok(books.length >= 5);
  for (const book of books) {
    const nb = JSON.parse(readFileSync(join(DIR, book), "utf8")) as { cells: { cell_type: string; outputs?: unknown[]; execution_count?: number | null }[] };
    nb.cells.forEach((cell, k) => {
      if (cell.cell_type !== "code") return;
      assert.deepEqual(cell.outputs, [], `${book} cell ${k + 1} has outputs: clear them before committing`);
      assert.equal(cell.execution_count ?? null, null, `${book} cell ${k + 1} has an execution count: clear outputs before committing`);
    });
  }
});
