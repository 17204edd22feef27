/**
 * The only place that talks to tslab (its display functions throw outside a Jupyter kernel).
 * Figures are rendered offline: the plotly.js bundle (plotly.js-dist-min) is displayed once per kernel session in a
 * <script> tag, then each figure is a <div> plus a Plotly.newPlot call with the spec's JSON.
 */
import { readFileSync } from "node:fs";
import * as tslab from "tslab";
import { FigureSpec } from "../figures/spec";
import { encodeGrayPng } from "../figures/png";

let plotlyShown = false;
let figureCount = 0;

/** Put the plotly.js bundle into the notebook (once per kernel session; call again with force after clearing outputs). */
export function usePlotly(force = false): void {
  if (plotlyShown && !force) return;
  const bundle = readFileSync(require.resolve("plotly.js-dist-min"), "utf8");
  tslab.display.html(`<script type="text/javascript">${bundle}</script>`);
  plotlyShown = true;
}

/** Show a plotly figure spec (interactive, offline). */
export function showFigure(spec: FigureSpec): void {
  showFiguresSideBySide([spec]);
}

/** Show a grayscale image (bytes 0..255, row-major). */
export function showGrayImage(image: { pixels: Uint8Array; width: number; height: number }): void {
  tslab.display.png(encodeGrayPng(image.pixels, image.width, image.height));
}

/** Show a table given as column names and rows (danfojs DataFrames: `showTable(df.columns, df.values)`). */
export function showTable(columns: string[], rows: unknown[][], caption?: string): void {
  const cell = (v: unknown) => (typeof v === "number" && !Number.isInteger(v) ? v.toFixed(2) : String(v));
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(cell(v))}</td>`).join("")}</tr>`).join("\n");
  tslab.display.html(`<table>${caption ? `<caption>${escapeHtml(caption)}</caption>` : ""}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`);
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

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Show several figures side by side (each gets an equal share of the width). */
export function showFiguresSideBySide(specs: FigureSpec[]): void {
  usePlotly();
  const ids = specs.map(() => `snn-figure-${Date.now().toString(36)}-${figureCount++}`);
  const width = specs.length === 1 ? "100%" : `${Math.floor(100 / specs.length) - 1}%`;
  const scripts = specs.map((spec, k) => {
    const json = JSON.stringify({ data: spec.data, layout: spec.layout, config: { responsive: true, ...spec.config } }).replace(/</g, "\\u003c");
    return `(function () { var s = ${json}; Plotly.newPlot("${ids[k]}", s.data, s.layout, s.config); })();`;
  });
  tslab.display.html(`<div style="display:flex;gap:1%">${ids.map((id) => `<div id="${id}" style="width:${width}"></div>`).join("")}</div>
<script type="text/javascript">${scripts.join("\n")}</script>`);
}
