/**
 * Generates src/core/wasm/kernels.wat from its templates (scripts/kernels/generate.ts) and builds
 * src/core/wasm/kernels.wasm from it with the `wabt` package (WebAssembly Binary Toolkit compiled to JS).
 * Usage: `npm run build:wasm` (add `--check` to fail, without writing, if either committed file is out of date).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateKernelsWat } from "./kernels/generate";
import { compileKernelsWat } from "./wat";

async function main(): Promise<void> {
  const dir = join(__dirname, "..", "src", "core", "wasm");
  const watPath = join(dir, "kernels.wat"), wasmPath = join(dir, "kernels.wasm");
  const text = generateKernelsWat();
  const binary = Buffer.from(await compileKernelsWat(text));
  if (process.argv.includes("--check")) {
    const stale: string[] = [];
    if (readFileSync(watPath, "utf8") !== text) stale.push(`${watPath} differs from what scripts/kernels/ generates`);
    if (Buffer.compare(readFileSync(wasmPath), binary) !== 0) stale.push(`${wasmPath} is not the build of the generated text`);
    if (stale.length > 0) {
      console.error(`${stale.join("\n")}\nrun npm run build:wasm and commit both files`);
      process.exit(1);
    }
    console.log(`${watPath} and ${wasmPath} are up to date (${binary.length} bytes)`);
    return;
  }
  writeFileSync(watPath, text);
  writeFileSync(wasmPath, binary);
  console.log(`wrote ${watPath} (${text.split("\n").length} lines) and ${wasmPath} (${binary.length} bytes)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
