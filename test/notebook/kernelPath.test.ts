import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

const ROOT = join(__dirname, "..", "..");
const hasJupyterClient = spawnSync("/usr/bin/python3", ["-c", "import jupyter_client"]).status === 0;

// The kernel spec that scripts/kernel-install.sh writes starts the kernel in the checkout from any folder name: one with
// spaces, quotes, `$HOME`, `$(...)` and backquotes is used as it is, and nothing in it runs. (A backslash reaches the
// kernel intact too, but tslab 1.0 then fails to load itself from such a folder: its own limitation, not the spec's.)
test("the installed kernel starts in a checkout under a hostile folder name, running nothing from the name", { skip: !hasJupyterClient && "python3-jupyter-client is not installed" }, () => {
  const base = mkdtempSync(join(tmpdir(), "snn-kernel-path-"));
  const root = join(base, `a b 'q' "d" $HOME $(touch PWNED) \`touch PWNED2\``);
  mkdirSync(join(root, "scripts"), { recursive: true });
  copyFileSync(join(ROOT, "scripts", "kernel-install.sh"), join(root, "scripts", "kernel-install.sh"));
  symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"));
  const data = join(base, "jupyter-data");
  execFileSync("bash", [join(root, "scripts", "kernel-install.sh")], { env: { ...process.env, JUPYTER_DATA_DIR: data }, cwd: base, stdio: "pipe" });
  const spec = JSON.parse(readFileSync(join(data, "kernels", "snn-workbook", "kernel.json"), "utf8"));
  assert.ok(spec.argv.includes(root), "the root is an argument of its own");
  const script = `
import json, sys
from jupyter_client import KernelManager
km = KernelManager(kernel_name="snn-workbook")
km.start_kernel(cwd=${JSON.stringify(base)})
kc = km.client(); kc.start_channels(); kc.wait_for_ready(timeout=120)
msg_id = kc.execute("console.log(JSON.stringify(process.cwd()))")
out = None
while True:
    m = kc.get_iopub_msg(timeout=120)
    if m["parent_header"].get("msg_id") != msg_id: continue
    if m["msg_type"] == "stream": out = (out or "") + m["content"]["text"]
    if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle": break
kc.stop_channels(); km.shutdown_kernel(now=True)
print(json.dumps(out))
`;
  const result = spawnSync("/usr/bin/python3", ["-c", script], { env: { ...process.env, JUPYTER_PATH: data }, cwd: base, encoding: "utf8", timeout: 180_000 });
  assert.equal(result.status, 0, result.stderr);
  const printed: string | null = JSON.parse(result.stdout.trim().split("\n").pop()!);
  assert.equal(JSON.parse(printed!.trim()), root);
  for (const where of [base, root, ROOT]) for (const f of ["PWNED", "PWNED2"]) assert.ok(!existsSync(join(where, f)), `${f} was created in ${where}`);
});
