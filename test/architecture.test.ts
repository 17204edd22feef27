import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { test } from "node:test";

// The layers point one way: random and data at the bottom, core beside them, experiment/analysis/figures above, CLI
// and notebooks on top. Every import of src/ (type-only ones included) is read from the source text.
const SRC = join(__dirname, "..", "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** The src-relative files a file imports (relative specifiers only), e.g. "core/params.ts". */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?from\s+"(\.[^"]+)"/g)].map((m) => m[1]);
  return specs.map((spec) => {
    const target = resolve(dirname(file), spec);
    const candidates = [`${target}.ts`, join(target, "index.ts")];
    const found = candidates.find((c) => { try { return statSync(c).isFile(); } catch { return false; } });
    assert.ok(found, `${relative(SRC, file)}: cannot resolve import "${spec}"`);
    return relative(SRC, found);
  });
}

const graph = new Map(sourceFiles(SRC).map((f) => [relative(SRC, f), importsOf(f)]));
const layer = (path: string) => path.split("/")[0];

test("layers: core imports only core and random; random imports nothing; data only data and random", () => {
  const allowed: Record<string, string[]> = { core: ["core", "random"], random: ["random"], data: ["data", "random"] };
  for (const [file, deps] of graph) {
    const ok = allowed[layer(file)];
    if (!ok) continue;
    for (const dep of deps) assert.ok(ok.includes(layer(dep)), `${file} imports ${dep} (a ${layer(file)} module may import only ${ok.join(", ")})`);
  }
});

test("layers: nothing below the top (cli, notebook, the entry files) imports it", () => {
  const top = (path: string) => ["cli", "notebook"].includes(layer(path)) || !path.includes("/");
  for (const [file, deps] of graph) {
    if (top(file)) continue;
    for (const dep of deps) assert.ok(!top(dep), `${file} imports ${dep}, a module of the top layer (docs/architecture.md)`);
  }
});

test("layers: no import cycle anywhere in src/ (type-only imports included)", () => {
  const state = new Map<string, "open" | "done">();
  const visit = (file: string, path: string[]): void => {
    if (state.get(file) === "done") return;
    assert.notEqual(state.get(file), "open", `import cycle: ${[...path.slice(path.indexOf(file)), file].join(" -> ")}`);
    state.set(file, "open");
    for (const dep of graph.get(file) ?? []) visit(dep, [...path, file]);
    state.set(file, "done");
  };
  for (const file of graph.keys()) visit(file, []);
});

test("layers: the graph was read (the checks above are not vacuous)", () => {
  assert.ok((graph.get("core/network.ts") ?? []).includes("core/simulation.ts"));
  assert.ok((graph.get("experiment/phases.ts") ?? []).includes("core/network.ts"));
});
