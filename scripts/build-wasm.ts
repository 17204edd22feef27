/**
 * Builds src/core/wasm/kernels.wasm from src/core/wasm/kernels.wat with the `wabt` package (WebAssembly Binary Toolkit
 * compiled to JS). Usage: `npm run build:wasm` (add `--check` to fail if the committed binary is out of date).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { compileKernelsWat } from "./wat";

async function main(): Promise<void> {
  const dir = join(__dirname, "..", "src", "core", "wasm");
  const binary = await compileKernelsWat(readFileSync(join(dir, "kernels.wat"), "utf8"));
  const target = join(dir, "kernels.wasm");
  if (process.argv.includes("--check")) {
    const committed = readFileSync(target);
    if (Buffer.compare(committed, Buffer.from(binary)) !== 0) {
      console.error(`${target} is out of date: run npm run build:wasm and commit it`);
      process.exit(1);
    }
    console.log(`${target} matches kernels.wat (${binary.length} bytes)`);
    return;
  }
  writeFileSync(target, binary);
  console.log(`wrote ${target} (${binary.length} bytes)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
