/**
 * Figures to files: PNG, SVG or PDF (by the file's extension), rendered by plotly.js in Debian's chromium driven by
 * playwright-core, offline. `saveFigure` for one figure from a notebook or script; `FigureWriter` keeps one browser
 * for many (npm run figures). Set CHROMIUM_PATH for another chromium than /usr/bin/chromium.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, extname } from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./chromium";
import { FigureSpec } from "./spec";

/** Output size: CSS pixels (default 900 x the layout's height or 560); PNGs at `scale` x those pixels (default 2). */
export interface FigureSize {
  width?: number;
  height?: number;
  scale?: number;
}

const FORMATS = ["png", "svg", "pdf"] as const;
type Format = (typeof FORMATS)[number];

function formatOf(path: string): Format {
  const ext = extname(path).slice(1).toLowerCase();
  if (!(FORMATS as readonly string[]).includes(ext)) throw new RangeError(`saveFigure: "${path}" must end in ${FORMATS.map((f) => `.${f}`).join(", ")}`);
  return ext as Format;
}

/** One chromium page with plotly.js loaded; `write` renders figures into files; `close` when done. */
export class FigureWriter {
  private constructor(private readonly browser: Browser, private readonly page: Page) {}

  static async open(): Promise<FigureWriter> {
    const browser = await launchChromium();
    const page = await browser.newPage();
    await page.setContent("<!doctype html><html><body style=\"margin:0\"></body></html>");
    await page.addScriptTag({ path: require.resolve("plotly.js-dist-min") });
    return new FigureWriter(browser, page);
  }

  /** Render `spec` into `path` (.png, .svg or .pdf; folders are created). */
  async write(spec: FigureSpec, path: string, size: FigureSize = {}): Promise<void> {
    const format = formatOf(path);
    const width = size.width ?? 900;
    const height = size.height ?? (spec.layout.height as number | undefined) ?? 560;
    // Traces get fixed uids (plotly draws random ones into SVG class names otherwise).
    const data = spec.data.map((trace, k) => ({ uid: `trace${k}`, ...trace }));
    const figure = { data, layout: { ...spec.layout, width, height }, config: { staticPlot: true } };
    mkdirSync(dirname(path), { recursive: true });
    if (format === "pdf") {
      await this.page.evaluate(async (f) => {
        const P = (globalThis as unknown as { Plotly: { newPlot: (d: unknown, ...a: unknown[]) => Promise<void> } }).Plotly;
        const doc = (globalThis as unknown as { document: { body: { innerHTML: string }; getElementById(id: string): unknown } }).document;
        doc.body.innerHTML = "<div id=\"figure\"></div>";
        await P.newPlot(doc.getElementById("figure"), f.data, f.layout, f.config);
      }, figure);
      writeFileSync(path, await this.page.pdf({ width: `${width}px`, height: `${height}px`, printBackground: true, pageRanges: "1" }));
      return;
    }
    const url = await this.page.evaluate(async ({ f, format, scale }) => {
      const P = (globalThis as unknown as { Plotly: { toImage: (f: unknown, o: unknown) => Promise<string> } }).Plotly;
      return P.toImage({ data: f.data, layout: f.layout }, { format, width: f.layout.width, height: f.layout.height, scale });
    }, { f: figure, format, scale: format === "png" ? (size.scale ?? 2) : 1 });
    if (format === "png") writeFileSync(path, Buffer.from(url.split(",")[1], "base64"));
    else writeFileSync(path, withFixedUid(decodeURIComponent(url.slice(url.indexOf(",") + 1))));
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

/**
 * The SVG with plotly's random per-plot id (in its clip-path and defs ids) replaced by a fixed one, so that a figure
 * whose data did not change gives the same file.
 */
function withFixedUid(svg: string): string {
  const uid = /<defs id="defs-([0-9a-f]+)"/.exec(svg)?.[1];
  return uid ? svg.split(uid).join("000000") : svg;
}

/** How long saveFigure keeps its browser after the last figure (a script exits this much later than its last save). */
const IDLE_MS = 1000;

/** The browser saveFigure shares between calls: its writer, the writes in order, the calls under way, its closing timer. */
let shared: { writer: Promise<FigureWriter>; queue: Promise<void>; users: number; timer?: NodeJS.Timeout } | undefined;
let launches = 0;

/** How many browsers saveFigure has started in this process (figures saved in a row share one). */
export function saveFigureLaunches(): number {
  return launches;
}

/**
 * Save one figure as PNG, SVG or PDF (by `path`'s extension), e.g. `await saveFigure(fig, "figures/neurons.pdf")`.
 * Calls in a row share one browser (started on the first, closed a second after the last); figures are written one at
 * a time even when the calls overlap. For many figures in a known loop, FigureWriter does the same explicitly.
 */
export async function saveFigure(spec: FigureSpec, path: string, size: FigureSize = {}): Promise<void> {
  formatOf(path); // a wrong extension fails before chromium starts
  if (!shared) {
    launches++;
    const opened = FigureWriter.open();
    shared = { writer: opened, queue: Promise.resolve(), users: 0 };
    opened.catch(() => { if (shared?.writer === opened) shared = undefined; }); // a failed start is not kept
  }
  const s = shared;
  clearTimeout(s.timer);
  s.users++;
  const done = s.queue.then(async () => (await s.writer).write(spec, path, size));
  s.queue = done.catch(() => undefined);
  try {
    await done;
  } finally {
    if (--s.users === 0) {
      s.timer = setTimeout(() => {
        if (shared !== s || s.users > 0) return;
        shared = undefined;
        void s.writer.then((w) => w.close(), () => undefined);
      }, IDLE_MS);
    }
  }
}
