import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { EventEmitter } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { chunkFor, untilInterrupted } from "../../src/notebook/interrupt";

const ROOT = join(__dirname, "..", "..");
const PYTHON = "/usr/bin/python3";

function hasJupyterClient(): boolean {
  return spawnSync(PYTHON, ["-c", "import jupyter_client"], { stdio: "ignore" }).status === 0;
}

test("chunks of a quarter of a second at the measured rate, 5 digits before any rate is known", () => {
  assert.equal(chunkFor(NaN), 5);
  assert.equal(chunkFor(0), 5);
  assert.equal(chunkFor(400), 100);
  assert.equal(chunkFor(2), 1);
});

test("untilInterrupted: SIGINT aborts the work's signal, and the listener is gone afterwards", async () => {
  // A stand-in for the process: a real SIGINT here would reach the test runner's own handler (the real signal is
  // tested through the kernel below).
  const signals = new EventEmitter();
  const reason = await untilInterrupted((signal) => new Promise<string>((resolve) => {
    signal.addEventListener("abort", () => resolve("aborted"));
    setTimeout(() => signals.emit("SIGINT"), 20);
  }), signals);
  assert.equal(reason, "aborted");
  assert.equal(signals.listenerCount("SIGINT"), 0);
  assert.equal(await untilInterrupted(async (signal) => signal.aborted, signals), false);
});

// Kernel -> Interrupt as Jupyter sends it (SIGINT to the tslab kernel), during a sweep on two worker threads and during
// trainWithProgress: within 2 s the kernel uses no CPU, no record is appended, it says so, and `net` holds exactly the
// digits reported. Needs Debian's jupyter-client (CI installs it).
test("Kernel -> Interrupt stops a sweep's worker threads and training in the tslab kernel", { skip: !hasJupyterClient() && "no jupyter_client for /usr/bin/python3", timeout: 240_000 }, () => {
  const store = mkdtempSync(join(tmpdir(), "snn-interrupt-"));
  try {
    const out = execFileSync(PYTHON, [join(ROOT, "test", "notebook", "kernel_interrupt.py"), join(store, "sweep")], {
      cwd: ROOT, env: { ...process.env, JUPYTER_PATH: join(ROOT, "jupyter") }, encoding: "utf8", timeout: 230_000,
    });
    const cases = out.trim().split("\n").map((l) => JSON.parse(l) as {
      case: string; started: boolean; status: string; cpuPerSecondBusy: number; cpuIn3sAfterStop: number; recordBytesGrew: number; said: string[]; after?: [string, string];
    });
    assert.deepEqual(cases.map((c) => c.case), ["sweep", "train"]);
    for (const c of cases) {
      assert.ok(c.started, `${c.case}: the work never showed progress`);
      assert.ok(c.cpuPerSecondBusy > 0.3, `${c.case}: the kernel was not computing before the interrupt (${c.cpuPerSecondBusy} CPU s/s)`);
      assert.equal(c.status, "error", `${c.case}: the cell was not interrupted`);
      assert.ok(c.cpuIn3sAfterStop < 0.3, `${c.case}: the kernel still computed ${c.cpuIn3sAfterStop} CPU s in the 3 s after the 2 s allowance`);
      assert.equal(c.recordBytesGrew, 0, `${c.case}: records were appended after the interrupt`);
      assert.equal(c.said.length, 1, `${c.case}: expected one "Interrupted" message, got ${JSON.stringify(c.said)}`);
    }
    const trained = Number(/Interrupted\*\* training \d+ neurons after (\d+) of 8000 digits: the network has learned/.exec(cases[1].said[0])?.[1]);
    assert.ok(trained > 0 && trained < 8000, cases[1].said[0]);
    assert.deepEqual(cases[1].after, ["ok", `{"digits":${trained}}\n`]);
  } finally {
    rmSync(store, { recursive: true, force: true });
  }
});
