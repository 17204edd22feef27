/**
 * The `snn` command (bin/snn.js). Subcommands:
 *   snn train ...    train, assign labels, evaluate one network (see src/cli/train.ts)
 *   snn sweep ...    a grid of runs on worker threads with a resumable results store (see src/cli/sweep.ts),
 *                    or, with --queue, as BullMQ jobs on Redis
 *   snn worker ...   process queued runs (see src/cli/worker.ts)
 *   snn summary ...  accuracy over seeds of a results store (see src/cli/summary.ts)
 * Exit codes: 0 success, 2 usage error (the message says what is wrong), 1 any other failure (SNN_DEBUG=1 prints
 * the stack trace).
 */
import { UsageError } from "./cli/args";
import { summaryCommand, SUMMARY_USAGE } from "./cli/summary";
import { sweepCommand, SWEEP_USAGE } from "./cli/sweep";
import { trainCommand, TRAIN_USAGE } from "./cli/train";
import { workerCommand, WORKER_USAGE } from "./cli/worker";

const COMMANDS: Record<string, { run: (argv: string[]) => Promise<number>; usage: string }> = {
  train: { run: trainCommand, usage: TRAIN_USAGE },
  sweep: { run: sweepCommand, usage: SWEEP_USAGE },
  worker: { run: workerCommand, usage: WORKER_USAGE },
  summary: { run: summaryCommand, usage: SUMMARY_USAGE },
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    console.log(`usage: snn <command> [options]\n\n${Object.values(COMMANDS).map((c) => c.usage).join("\n\n")}`);
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
