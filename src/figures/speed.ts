/** Training speed against network size: our benchmark beside BindsNET's measured speed (log-log). */
import { ReferenceSpeed } from "../data/reference";
import { logTicks, ticksAt } from "./accuracy";
import { FigureSpec } from "./spec";

export interface BenchRow {
  neurons: number;
  trainSamplesPerSec: number;
  inferSamplesPerSec: number;
}

export function speedFigure(ours: BenchRow[], references: ReferenceSpeed[], title = "Training speed, one digit at a time"): FigureSpec {
  const sorted = [...ours].sort((a, b) => a.neurons - b.neurons);
  const data: Record<string, unknown>[] = [
    { type: "scatter", mode: "lines+markers", name: "snn-workbook, training (1 core)", x: sorted.map((r) => r.neurons), y: sorted.map((r) => r.trainSamplesPerSec) },
    { type: "scatter", mode: "lines+markers", name: "snn-workbook, inference (1 core)", x: sorted.map((r) => r.neurons), y: sorted.map((r) => r.inferSamplesPerSec), line: { dash: "dot" } },
  ];
  const groups = new Map<string, ReferenceSpeed[]>();
  for (const r of references.filter((r) => r.mode === "train" && r.batch === 1 && r.implementation === "BindsNET" && r.hardware !== "Intel i7")) {
    const name = `BindsNET, ${r.hardware}`;
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name)!.push(r);
  }
  for (const [name, rows] of groups) {
    const s = [...rows].sort((a, b) => a.neurons - b.neurons);
    data.push({ type: "scatter", mode: "lines+markers", name, x: s.map((r) => r.neurons), y: s.map((r) => r.samplesPerSec), marker: { symbol: "x" }, line: { dash: "dash" } });
  }
  const xs = data.flatMap((t) => t.x as number[]), ys = data.flatMap((t) => t.y as number[]);
  return {
    data,
    layout: {
      title: { text: title }, height: 460,
      xaxis: { title: { text: "excitatory neurons" }, type: "log", ...ticksAt(xs) },
      yaxis: { title: { text: "digits per second" }, type: "log", ...logTicks(Math.min(...ys), Math.max(...ys)) },
      legend: { orientation: "h", y: -0.25 },
    },
  };
}
