"""Drives the project's tslab kernel as Jupyter does: runs a cell of long work, sends Kernel -> Interrupt (SIGINT),
then measures whether the kernel process still computes. Prints one JSON object per case. Used by interrupt.test.ts.

Usage: /usr/bin/python3 test/notebook/kernel_interrupt.py STORE_DIR   (JUPYTER_PATH must name the project's kernels)
"""
import json
import os
import sys
import time

from jupyter_client import KernelManager

STORE = sys.argv[1]
CLK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """User + system CPU seconds of the process and all its threads (worker threads included)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK


def run(client, code, timeout=120):
    """Execute a cell to completion; returns (status, text of its stream and error outputs)."""
    msg_id = client.execute(code)
    return wait_reply(client, msg_id, timeout)


def messages_of(client, msg_id, timeout):
    """The iopub messages of one request, as they come, until `timeout` seconds have passed."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            msg = client.get_iopub_msg(timeout=1)
        except Exception:
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            yield msg


def wait_reply(client, msg_id, timeout):
    text = []
    for msg in messages_of(client, msg_id, timeout):
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            text.append(content["text"])
        elif kind == "error":
            text.append(content["evalue"])
        elif kind in ("display_data", "update_display_data"):
            text.append(content["data"].get("text/markdown", ""))
        elif kind == "status" and content["execution_state"] == "idle":
            break
    while True:  # skip replies to other requests (kernel_info from wait_for_ready)
        reply = client.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]["status"], "".join(text)


def wait_for_output(client, msg_id, needle, timeout):
    """Read the running cell's outputs until one contains `needle` (the work is under way)."""
    return any(needle in json.dumps(msg["content"]) for msg in messages_of(client, msg_id, timeout))


def store_bytes():
    path = os.path.join(STORE, "records.jsonl")
    return os.path.getsize(path) if os.path.exists(path) else 0


def drain(client, seconds):
    """Every markdown or text output of the kernel during `seconds`, whatever cell it belongs to."""
    said = []
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            msg = client.get_iopub_msg(timeout=max(0.05, deadline - time.time()))
        except Exception:
            continue
        content = msg["content"]
        if "data" in content:
            said.append(content["data"].get("text/markdown", "") or content["data"].get("text/plain", ""))
        elif "text" in content:
            said.append(content["text"])
    return said


def interrupt_case(km, client, pid, name, code, needle, after=None):
    msg_id = client.execute(code)
    started = wait_for_output(client, msg_id, needle, 120)
    time.sleep(1.0)  # let the work run
    busy_before = cpu_seconds(pid)
    time.sleep(1.0)
    busy_rate = cpu_seconds(pid) - busy_before
    km.interrupt_kernel()
    status, _ = wait_reply(client, msg_id, 30)
    said = drain(client, 2.0)  # the allowance: work must have stopped within it
    idle_before = cpu_seconds(pid)
    records_before = store_bytes()
    said += drain(client, 3.0)
    idle_cpu = cpu_seconds(pid) - idle_before
    result = {
        "case": name, "started": started, "status": status, "cpuPerSecondBusy": busy_rate,
        "cpuIn3sAfterStop": idle_cpu, "recordBytesGrew": store_bytes() - records_before,
        "said": [line for line in said if "Interrupted" in line],
    }
    if after:
        result["after"] = run(client, after)
    print(json.dumps(result), flush=True)


def main():
    km = KernelManager(kernel_name="snn-workbook")
    km.start_kernel(cwd=os.getcwd())
    client = km.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        pid = km.provisioner.pid if getattr(km, "provisioner", None) else km.kernel.pid
        status, text = run(client, 'import { sweepWithProgress, trainWithProgress } from "./src/notebook/run";\n'
                                   'import { Network, loadMnist } from "./src/index";\n'
                                   'const { train: digits } = loadMnist();\n1', 180)
        if status != "ok":
            raise SystemExit(f"setup cell failed: {text}")
        interrupt_case(km, client, pid, "sweep",
                       'await sweepWithProgress([{ neurons: [400], seeds: [1, 2], preset: "diehl-cook-2015", dataset: "mnist", '
                       f'trainAmounts: [8000], testSamples: 2000 }}], {json.dumps(STORE)}, 2);',
                       "train")
        run(client, 'const net = new Network({ neurons: 1600, seed: 1 });\n1')
        interrupt_case(km, client, pid, "train", 'await trainWithProgress(net, digits);',
                       "digits/s",
                       after="console.log(JSON.stringify({ digits: net.totals.digits }));")
    finally:
        client.stop_channels()
        km.shutdown_kernel(now=True)


main()
