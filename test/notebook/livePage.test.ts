import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { test } from "node:test";
import { staleBuildWarning } from "../../src/staleBuild";

const ROOT = join(__dirname, "..", "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasNotebookServer = () => spawnSync("jupyter-notebook", ["--version"], { stdio: "ignore" }).status === 0;

const freePort = () => new Promise<number>((resolve, reject) => {
  const s = createServer();
  s.listen(0, "127.0.0.1", () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
  s.on("error", reject);
});

// A researcher's view: the classic notebook server with the project's kernel, notebook 04 opened in chromium and run
// from the page (Cell -> Run All); every figure must draw in that page (plotly.js loaded by the notebook itself), with
// no console error of ours. Needs Debian's jupyter-notebook and chromium (CI installs both).
test("notebook 04 run in a live notebook page draws every figure", {
  skip: (!hasNotebookServer() && "no jupyter-notebook") || (!existsSync(CHROMIUM) && "no chromium"), timeout: 240_000,
}, async () => {
  const { launchChromium } = await import("../../src/figures/chromium");
  // the notebooks import the compiled build: make it from the current sources when it is missing or older
  if (!existsSync(join(ROOT, "dist", "index.js")) || staleBuildWarning(join(ROOT, "dist")) !== undefined) {
    execFileSync("bash", [join(ROOT, "scripts", "build.sh")], { cwd: ROOT, stdio: "ignore" });
  }
  const port = await freePort();
  const token = Math.random().toString(36).slice(2);
  const server = spawn("jupyter-notebook", ["--no-browser", `--port=${port}`, "--ip=127.0.0.1", `--NotebookApp.token=${token}`, `--notebook-dir=${ROOT}`, "--allow-root"], {
    cwd: ROOT, env: { ...process.env, JUPYTER_PATH: join(ROOT, "jupyter") }, stdio: ["ignore", "pipe", "pipe"],
  });
  let serverLog = "";
  server.stdout.on("data", (d) => (serverLog += d));
  server.stderr.on("data", (d) => (serverLog += d));
  const browser = await launchChromium();
  try {
    const deadline = Date.now() + 60_000;
    while (!serverLog.includes(`:${port}/`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    assert.ok(serverLog.includes(`:${port}/`), `the notebook server did not start:\n${serverLog}`);
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    // The classic notebook asks for an ipywidgets nbextension it does not have (a 404 and its MIME-type refusal).
    page.on("console", (m) => { if (m.type() === "error" && !/Failed to load resource|nbextensions\/widgets/.test(m.text())) errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${port}/notebooks/notebooks/04-paper-figures.ipynb?token=${token}`);
    type Jupyter = { notebook: { kernel: { name: string; is_connected(): boolean }; execute_all_cells(): void } };
    await page.waitForFunction(() => (globalThis as unknown as { Jupyter?: Jupyter }).Jupyter?.notebook?.kernel?.is_connected?.() === true, null, { timeout: 90_000 });
    assert.equal(await page.evaluate(() => (globalThis as unknown as { Jupyter: Jupyter }).Jupyter.notebook.kernel.name), "snn-workbook");
    await page.evaluate(() => (globalThis as unknown as { Jupyter: Jupyter }).Jupyter.notebook.execute_all_cells());
    const count = () => page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number; forEach(f: (e: { querySelectorAll(s: string): { length: number } }) => void): void } } }).document;
      const figures = doc.querySelectorAll("div[id^='snn-figure-']");
      let drawn = 0;
      figures.forEach((e) => { if (e.querySelectorAll(".main-svg .trace").length > 0) drawn++; });
      return { figures: figures.length, drawn };
    });
    const until = Date.now() + 150_000;
    let seen = await count();
    // two side by side, the rules, the diagnostics; the per-size settings, the per-size grid's two side by side
    const expected = 8;
    while ((seen.figures < expected || seen.drawn < seen.figures) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 1000));
      seen = await count();
    }
    assert.deepEqual(seen, { figures: expected, drawn: expected });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.kill("SIGTERM");
  }
});
