/**
 * The only place that talks to tslab (its display functions throw outside a Jupyter kernel).
 * Figures are rendered offline: the plotly.js bundle (plotly.js-dist-min) is put into the page once per kernel
 * session by a <script> output that is then replaced by a one-line note (so a saved notebook does not carry the
 * 4.6 MB bundle; `npm run report` adds it to each HTML page). Each figure is a <div> plus a script that draws it as
 * soon as plotly.js is in the page and, until then, says in the figure's place how to load it (after a reload, in a
 * second tab, or after "clear outputs": run `usePlotly(true)`).
 */
import { readFileSync } from "node:fs";
import * as tslab from "tslab";
import { formatColumn } from "../analysis/numberFormat";
import { AccuracyPivot, accuracyPivot } from "../analysis/pivot";
import { SummaryRow } from "../analysis/summary";
import { FigureSpec } from "../figures/spec";
import { encodeGrayPng } from "../figures/png";

let plotlyShown = false;
let figureCount = 0;

/**
 * Put the plotly.js bundle into the notebook page (once per kernel session; `force` again after a reload, in a second
 * tab or after clearing outputs: figures waiting for it then draw themselves).
 */
export function usePlotly(force = false): void {
  if (plotlyShown && !force) return;
  const bundle = readFileSync(require.resolve("plotly.js-dist-min"), "utf8");
  const view = tslab.newDisplay();
  view.html(`<script type="text/javascript">${bundle}</script>`);
  view.html(`<div style="font-size:smaller;color:#666">plotly.js loaded into this page for the figures (not saved with the notebook)</div>`);
  plotlyShown = true;
}

/** Show a plotly figure spec (interactive, offline). */
export function showFigure(spec: FigureSpec): void {
  showFiguresSideBySide([spec]);
}

/** An output area whose HTML is replaced on every call (a live view). */
export function liveHtml(): (html: string) => void {
  const view = tslab.newDisplay();
  return (html) => view.html(html);
}

/** A grayscale image as an <img> with its PNG inline (for live views). */
export function grayImageHtml(image: { pixels: Uint8Array; width: number; height: number }, alt: string): string {
  return `<img alt="${escapeHtml(alt)}" style="image-rendering:pixelated" src="data:image/png;base64,${Buffer.from(encodeGrayPng(image.pixels, image.width, image.height)).toString("base64")}">`;
}

/** Show a grayscale image (bytes 0..255, row-major). */
export function showGrayImage(image: { pixels: Uint8Array; width: number; height: number }): void {
  tslab.display.png(encodeGrayPng(image.pixels, image.width, image.height));
}

/** Show a table given as column names and rows (danfojs DataFrames: `showTable(df.columns, df.values)`). */
export function showTable(columns: string[], rows: unknown[][], caption?: string): void {
  const cells = formatRows(rows);
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = cells.map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(v)}</td>`).join("")}</tr>`).join("\n");
  tslab.display.html(`<table>${caption ? `<caption>${escapeHtml(caption)}</caption>` : ""}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`);
}

/** "accuracyProportionMean" -> "accuracy proportion mean": readable column headers from record field names. */
export function headerText(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

/**
 * Show a table readably: an accuracy pivot (analysis/pivot.ts), summary rows (shown as their pivot), a danfojs
 * DataFrame, or an array of plain objects (records). Headers in words, cells that do not wrap, numbers rounded,
 * rows beyond `foldAfter` (default 25) folded under a "more rows" line.
 */
export function show(x: unknown, foldAfter = 25): void {
  const { columns, rows: values, caption } = tableOf(x);
  const rows = formatRows(values);
  const head = `<thead><tr>${columns.map((c) => `<th style="text-align:left;white-space:nowrap">${escapeHtml(c)}</th>`).join("")}</tr></thead>`;
  const body = (part: string[][]) => part.map((r) => `<tr>${r.map((v) => `<td style="text-align:right;white-space:nowrap">${escapeHtml(v)}</td>`).join("")}</tr>`).join("\n");
  const table = (part: string[][], withCaption: boolean) =>
    `<table style="border-collapse:collapse;font-size:smaller">${withCaption && caption ? `<caption style="text-align:left">${escapeHtml(caption)}</caption>` : ""}${head}<tbody>${body(part)}</tbody></table>`;
  const shown = table(rows.slice(0, foldAfter), true);
  const rest = rows.length > foldAfter ? `<details><summary>${rows.length - foldAfter} more rows</summary>${table(rows.slice(foldAfter), false)}</details>` : "";
  tslab.display.html(`<div style="overflow-x:auto">${shown}${rest}</div>`);
}

/** Table cells as text, each column formatted alike (analysis/numberFormat.ts: never rounding a value a user set). */
function formatRows(rows: unknown[][]): string[][] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const columns = Array.from({ length: width }, (_, c) => formatColumn(rows.map((r) => r[c])));
  return rows.map((r, k) => r.map((_, c) => columns[c][k]));
}

function tableOf(x: unknown): { columns: string[]; rows: unknown[][]; caption?: string } {
  if (x && typeof x === "object" && (x as AccuracyPivot).kind === "accuracy-pivot") return x as AccuracyPivot;
  if (Array.isArray(x)) {
    if (x.length > 0 && typeof x[0] === "object" && "accuracyMean" in x[0] && "trainedSamples" in x[0]) return accuracyPivot(x as SummaryRow[]);
    const fields = [...new Set(x.flatMap((r) => Object.keys(r as object)))];
    return { columns: fields.map(headerText), rows: x.map((r) => fields.map((f) => (r as Record<string, unknown>)[f])) };
  }
  const frame = x as { columns?: string[]; values?: unknown[][] };
  if (frame && Array.isArray(frame.columns) && Array.isArray(frame.values)) return { columns: frame.columns.map(headerText), rows: frame.values };
  throw new TypeError("show: expected an accuracy pivot, summary rows, a DataFrame or an array of objects");
}

/** Show markdown text. */
export function showMarkdown(text: string): void {
  tslab.display.markdown(text);
}

/** A progress bar that updates in place; returns an update function (done, total, note). */
export function progressBar(label: string): (done: number, total: number, note?: string) => void {
  const view = tslab.newDisplay();
  const start = Date.now();
  return (done, total, note = "") => {
    const fraction = total > 0 ? done / total : 1;
    const seconds = (Date.now() - start) / 1000;
    const eta = done > 0 ? (seconds * (total - done)) / done : NaN;
    view.html(`<div style="font-family:monospace">${escapeHtml(label)} <progress value="${done}" max="${total}"></progress>
 ${done}/${total} (${(100 * fraction).toFixed(0)} %) ${seconds.toFixed(0)} s${Number.isFinite(eta) ? `, ETA ${eta.toFixed(0)} s` : ""} ${escapeHtml(note)}</div>`);
  };
}

/** Text made safe inside HTML (&, < and >). */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Page-side: draw a figure once plotly.js is in the page (checked every 300 ms for 10 minutes); while it is not, the
 * figure's place says so.
 */
const DRAW_WHEN_LOADED = `function snnDraw(id, s) {
  var el = document.getElementById(id), tries = 0;
  (function attempt() {
    if (!el) return;
    if (window.Plotly) { el.innerHTML = ""; Plotly.newPlot(el, s.data, s.layout, s.config); return; }
    if (tries++ === 0) el.innerHTML = '<div style="padding:1em;border:1px dashed #c00;color:#c00">This figure needs plotly.js, which is not in this page (after a reload, in a second tab or after clearing outputs). Run <code>usePlotly(true)</code> in a cell (from ./src/notebook/display) and it will appear.</div>';
    if (tries < 2000) setTimeout(attempt, 300);
  })();
}`;

/** Show several figures side by side (each gets an equal share of the width). */
export function showFiguresSideBySide(specs: FigureSpec[]): void {
  usePlotly();
  const ids = specs.map(() => `snn-figure-${Date.now().toString(36)}-${figureCount++}`);
  const width = specs.length === 1 ? "100%" : `${Math.floor(100 / specs.length) - 1}%`;
  const scripts = specs.map((spec, k) => {
    const json = JSON.stringify({ data: spec.data, layout: spec.layout, config: { responsive: true, ...spec.config } }).replace(/</g, "\\u003c");
    return `(function () { var s = ${json}; snnDraw("${ids[k]}", s); })();`;
  });
  tslab.display.html(`<div style="display:flex;gap:1%">${ids.map((id) => `<div id="${id}" style="width:${width}"></div>`).join("")}</div>
<script type="text/javascript">${DRAW_WHEN_LOADED}
${scripts.join("\n")}</script>`);
}
