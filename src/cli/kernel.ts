/**
 * `snn kernel`: install a Jupyter kernel for notebooks outside this repository that import the installed package
 * (`import { Network } from "snn-workbook"`). The kernel runs the tslab that snn-workbook depends on, with this Node
 * binary, in the notebook's own folder (Jupyter's default), so the notebook's project resolves the package. (The
 * repository's own notebooks import ./src/... and use the kernel in jupyter/kernels/, or `npm run kernel:install`.)
 */
import { writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { makeDirs } from "../core/files";
import { parseOptions, UsageError } from "./args";

export const KERNEL_USAGE = `snn kernel [options]
  --name NAME        the kernel's name (default snn-workbook-package); Jupyter lists it as "TypeScript (NAME)"
  --dir DIR          the Jupyter data folder to install into (default $JUPYTER_DATA_DIR, else
                     ~/.local/share/jupyter); the kernel goes to DIR/kernels/NAME/kernel.json
  --json             print the kernel file's path and content as JSON
The kernel runs in the notebook's folder: put notebooks in (or below) the project that installed snn-workbook.`;

/** The kernel.json content: this Node running tslab's command-line entry, connection file from Jupyter. */
export function kernelSpec(nodePath: string, tslabBin: string, name: string): { argv: string[]; display_name: string; language: string } {
  return { argv: [nodePath, tslabBin, "kernel", "--config-path", "{connection_file}"], display_name: `TypeScript (${name})`, language: "typescript" };
}

/** tslab's command-line entry, as installed beside this package (an error that says how to get it otherwise). */
function tslabBin(): string {
  let pkg: string;
  try {
    pkg = require.resolve("tslab/package.json");
  } catch {
    throw new Error("snn kernel: the kernel runs tslab, an optional peer dependency of snn-workbook: npm install tslab@1.0.22 (then run snn kernel again)");
  }
  const bin = (require(pkg) as { bin: Record<string, string> }).bin.tslab;
  return join(dirname(pkg), bin);
}

export async function kernelCommand(argv: string[]): Promise<number> {
  const o = parseOptions(argv, { name: { type: "string" }, dir: { type: "string" }, json: { type: "boolean" } });
  const name = typeof o.name === "string" ? o.name : "snn-workbook-package";
  // a plain folder name: not "." or "..", which would put the kernel one folder up
  if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name)) {
    throw new UsageError(`--name must be letters, digits, ".", "_" or "-", not starting with "." (a folder name for Jupyter), got "${name}"`);
  }
  const dataDir = resolve(typeof o.dir === "string" ? o.dir : process.env.JUPYTER_DATA_DIR ?? join(homedir(), ".local", "share", "jupyter"));
  const folder = join(dataDir, "kernels", name);
  const spec = kernelSpec(process.execPath, tslabBin(), name);
  makeDirs(folder); // Node's own recursive mkdir never returns under /proc
  const file = join(folder, "kernel.json");
  writeFileSync(file, JSON.stringify(spec, null, 1) + "\n");
  if (o.json) console.log(JSON.stringify({ file, spec }));
  else console.log(`installed the Jupyter kernel "${name}" in ${folder} (tslab ${spec.argv[1]})`);
  return 0;
}
