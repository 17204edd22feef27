/**
 * The `snn` command (bin/snn.js). Subcommands:
 *   snn train ...    train, assign labels, evaluate one network (see src/cli/train.ts)
 *   snn sweep ...    a grid of runs on worker threads with a resumable results store (see src/cli/sweep.ts),
 *                    or, with --queue, as BullMQ jobs on Redis
 *   snn worker ...   process queued runs (see src/cli/worker.ts)
 *   snn summary ...  accuracy over seeds of a results store (see src/cli/summary.ts)
 *   snn merge ...    append the records of other results stores to one (see src/cli/merge.ts)
 *   snn kernel ...   install a Jupyter kernel for notebooks that import the installed package (see src/cli/kernel.ts)
 *   snn --version    the package version and code commit; snn --help one line per command, snn help all everything
 * Exit codes: 0 success, 2 usage error (the message says what is wrong), 1 any other failure (SNN_DEBUG=1 prints
 * the stack trace).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "./cli/args";
import { codeVersion } from "./experiment/version";
import { kernelCommand, KERNEL_USAGE } from "./cli/kernel";
import { mergeCommand, MERGE_USAGE } from "./cli/merge";
import { summaryCommand, SUMMARY_USAGE } from "./cli/summary";
import { sweepCommand, SWEEP_USAGE } from "./cli/sweep";
import { trainCommand, TRAIN_USAGE } from "./cli/train";
import { workerCommand, WORKER_USAGE } from "./cli/worker";

const COMMANDS: Record<string, { run: (argv: string[]) => Promise<number>; usage: string; summary: string }> = {
  train: { run: trainCommand, usage: TRAIN_USAGE, summary: "train one network, assign labels, evaluate it" },
  sweep: { run: sweepCommand, usage: SWEEP_USAGE, summary: "a grid of runs (sizes x seeds x training amounts) into a resumable results store" },
  worker: { run: workerCommand, usage: WORKER_USAGE, summary: "run the queued cells of `snn sweep --queue` (BullMQ on Redis)" },
  summary: { run: summaryCommand, usage: SUMMARY_USAGE, summary: "accuracy over seeds (mean +- sd) of a results store" },
  merge: { run: mergeCommand, usage: MERGE_USAGE, summary: "append the records of other results stores (runs made elsewhere) to a store" },
  kernel: { run: kernelCommand, usage: KERNEL_USAGE, summary: "install a Jupyter kernel for notebooks that import the installed package" },
};

/** The short help: one line per command. */
function overview(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    "usage: snn <command> [options]", "",
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`), "",
    "snn <command> --help shows a command's options; snn help all shows every command's; snn --version the version.",
  ].join("\n");
}

/** "snn-workbook VERSION (code COMMIT)": the package version and the git commit that records name. */
export function versionText(): string {
  const { version } = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")) as { version: string };
  return `snn-workbook ${version} (code ${codeVersion()})`;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "--version" || command === "-V" || command === "version") {
    console.log(versionText());
    return 0;
  }
  if (command === "help" && rest[0] === "all") {
    console.log(`usage: snn <command> [options]\n\n${Object.values(COMMANDS).map((c) => c.usage).join("\n\n")}`);
    return 0;
  }
  if (command === "help" && rest[0] !== undefined && COMMANDS[rest[0]]) {
    console.log(COMMANDS[rest[0]].usage);
    return 0;
  }
  if (!command || command === "--help" || command === "-h" || command === "help") {
    (command ? console.log : console.error)(overview());
    return command ? 0 : 2;
  }
  const entry = COMMANDS[command];
  if (!entry) {
    console.error(`snn: unknown command "${command}": use one of ${Object.keys(COMMANDS).join(", ")}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(entry.usage);
    return 0;
  }
  try {
    return await entry.run(rest);
  } catch (e) {
    if (e instanceof UsageError || e instanceof RangeError) {
      console.error(`snn ${command}: ${(e as Error).message}\n\n${entry.usage}`);
      return 2;
    }
    console.error(`snn ${command}: ${process.env.SNN_DEBUG ? ((e as Error).stack ?? e) : ((e as Error).message ?? e)}`);
    return 1;
  }
}
