/**
 * Opens every page of the HTML report (build/report/, made by npm run report) in chromium and checks that each
 * figure drew (a plotly plot with data drawn in it, no "needs plotly.js" notice) and that no page logged a console
 * error; then writes the report's index.html: per notebook its title, its opening paragraph and a thumbnail of its
 * first figure (thumbs/NAME.png), from the executed notebooks in build/notebooks; and full-page screenshots of every
 * page at 1,000 and 1,600 px wide (screenshots/NAME-WIDTH.png). Prints one line per page; exits 1
 * when a page fails. Usage: node --import tsx scripts/check-report.ts [REPORT_DIR] [NOTEBOOKS_DIR]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { launchChromium } from "../src/figures/chromium";

async function main(): Promise<number> {
  const dir = resolve(process.argv[2] ?? "build/report");
  const pages = readdirSync(dir).filter((f) => f.endsWith(".html") && f !== "index.html").sort();
  if (pages.length === 0) throw new Error(`${dir} has no report pages: run npm run report first`);
  const browser = await launchChromium();
  let failed = 0;
  const thumbs = join(dir, "thumbs"), screenshots = join(dir, "screenshots");
  mkdirSync(thumbs, { recursive: true });
  mkdirSync(screenshots, { recursive: true });
  const shot = new Map<string, boolean>();
  try {
    for (const name of pages) {
      const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
      const errors: string[] = [];
      // nbconvert's template asks for require.js and MathJax from /usr/share/javascript (Debian packages the report
      // does not need); a resource that fails to load is reported by its URL, the others as console errors.
      page.on("requestfailed", (r) => { if (!r.url().startsWith("file:///usr/share/javascript/")) errors.push(`cannot load ${r.url()}`); });
      page.on("console", (m) => { if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text()); });
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`file://${join(dir, name)}`, { waitUntil: "load" });
      await page.waitForTimeout(1500);
      const { figures, drawn, waiting } = await page.evaluate(() => {
        const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number; forEach(f: (e: { querySelectorAll(s: string): { length: number } }) => void): void } } }).document;
        const placeholders = doc.querySelectorAll("div[id^='snn-figure-']");
        let drawnCount = 0;
        placeholders.forEach((el) => { if (el.querySelectorAll(".main-svg .trace, .main-svg .heatmaplayer image").length > 0) drawnCount++; });
        let waitingCount = 0;
        placeholders.forEach((el) => { if (el.querySelectorAll("code").length > 0 && el.querySelectorAll(".main-svg").length === 0) waitingCount++; });
        return { figures: placeholders.length, drawn: drawnCount, waiting: waitingCount };
      });
      const ok = drawn === figures && waiting === 0 && errors.length === 0;
      if (!ok) failed++;
      const first = await page.$("div[id^='snn-figure-'] .main-svg");
      if (first) {
        await (await page.$("div[id^='snn-figure-']"))!.screenshot({ path: join(thumbs, name.replace(/\.html$/, ".png")) });
        shot.set(name, true);
      }
      // Full-page screenshots at two widths, to look at the figures and tables as a reader's browser shows them.
      for (const width of [1000, 1600]) {
        await page.setViewportSize({ width, height: 800 });
        await page.waitForTimeout(300); // responsive figures redraw at the new width
        await page.screenshot({ path: join(screenshots, `${name.replace(/\.html$/, "")}-${width}.png`), fullPage: true });
      }
      console.log(`${ok ? "ok  " : "FAIL"} ${name}: ${drawn} of ${figures} figures drawn${waiting ? `, ${waiting} waiting for plotly.js` : ""}${errors.length ? `; console errors: ${errors.slice(0, 3).join(" | ")}` : ""}`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  writeFileSync(join(dir, "index.html"), indexPage(pages, shot, resolve(process.argv[3] ?? "build/notebooks"), existsSync(join(dir, "api", "index.html"))));
  return failed === 0 ? 0 : 1;
}

/** The notebook's title (its first heading) and opening paragraph, from its first markdown cell. */
function summaryOf(notebook: string): { title: string; paragraph: string } {
  if (!existsSync(notebook)) return { title: notebook, paragraph: "" };
  const cells = (JSON.parse(readFileSync(notebook, "utf8")) as { cells: { cell_type: string; source: string | string[] }[] }).cells;
  const md = cells.find((c) => c.cell_type === "markdown");
  const text = md ? (Array.isArray(md.source) ? md.source.join("") : md.source) : "";
  const [heading, ...rest] = text.split("\n\n");
  return { title: heading.replace(/^#+\s*/, ""), paragraph: rest[0] ?? "" };
}

const escapeHtml = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
/** Markdown's `code` and **bold** as HTML, the rest escaped. */
const inline = (t: string) => escapeHtml(t).replace(/`([^`]+)`/g, "<code>$1</code>").replace(/\*\*([^*]+)\*\*/g, "<b>$1</b>");

/** The index page; `withApi`: the report holds the API reference (api/index.html), linked at the top. */
function indexPage(pages: string[], shot: Map<string, boolean>, notebooks: string, withApi: boolean): string {
  const entries = pages.map((page) => {
    const name = page.replace(/\.html$/, "");
    const { title, paragraph } = summaryOf(join(notebooks, `${name}.ipynb`));
    const thumb = shot.get(page) ? `<a href="${page}"><img src="thumbs/${name}.png" alt="${escapeHtml(title)}: its first figure" style="width:360px;border:1px solid #ddd"></a>` : "";
    return `<div style="display:flex;gap:24px;margin:24px 0;align-items:flex-start">${thumb}<div style="max-width:640px"><h2 style="margin-top:0"><a href="${page}">${escapeHtml(title)}</a></h2><p>${inline(paragraph)}</p></div></div>`;
  });
  const api = withApi ? `<p><a href="api/index.html"><b>API reference</b></a>: every function, class and type of the package's entry points (<code>snn-workbook</code>, <code>snn-workbook/tables</code>, <code>snn-workbook/notebook</code>), from their TSDoc comments.</p>` : "";
  return `<!doctype html><html><head><meta charset="utf-8"><title>snn-workbook report</title></head>
<body style="font-family:sans-serif;max-width:1100px;margin:auto;padding:0 16px">
<h1>snn-workbook: the executed notebooks</h1>
<p>Each page is a notebook executed headless by <code>npm run notebooks</code>, with its figures (interactive: hover for values).</p>
${api}
${entries.join("\n")}
</body></html>
`;
}

main().then((code) => { process.exitCode = code; }, (e: Error) => { console.error(`check-report: ${e.message}`); process.exitCode = 1; });
