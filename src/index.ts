/**
 * The public API that notebooks and scripts import (`import { ... } from "./src/index"` from the project root).
 * Display functions live in ./notebook/display (they need a tslab kernel); tables in ./tables (they load danfojs).
 */
export { Network, createRecording } from "./core/network";
export type { NetworkOptions, PresentResult, Recording, NetworkState } from "./core/network";
export { DIEHL_COOK_2015, BINDSNET, PRESETS, presetByName, withOverrides } from "./core/params";
export { overrideLabel, presetFromLabel, presetLabel } from "./core/overrides";
export type { Preset } from "./core/params";
export { train, trainRecording, respond, assignFromResponses, evaluateResponses } from "./experiment/phases";
export type { Responses, Evaluation, PhaseStats } from "./experiment/phases";
export { saveNetwork, loadNetwork } from "./core/snapshot";
export { assignLabels, predictAllActivity, predictProportion } from "./analysis/labels";
export { accuracyPercent, confusionMatrix } from "./analysis/metrics";
export { loadMnist, loadIdxDigits, DATASETS } from "./data/mnist";
export type { DatasetName, MnistSplit } from "./data/mnist";
export { classCounts, digitPixels } from "./data/digits";
export type { Digits } from "./data/digits";
export { classCountsFigure } from "./figures/classCounts";
export { digitGrid, receptiveFieldGrid } from "./figures/digits";
export type { FigureSpec } from "./figures/spec";
export { runExperiment, evaluateSnapshot } from "./experiment/run";
export type { RunConfig } from "./experiment/config";
export { accuracyVsNeuronsFigure, accuracyVsTrainingFigure, finalRows } from "./figures/accuracy";
export { comparableReferences } from "./figures/references";
export { saveFigure, FigureWriter } from "./figures/save";
export type { FigureSize } from "./figures/save";
export { accuracyByRuleFigure, ruleComparisonRows, ruleSeriesName } from "./figures/rules";
export { spikeRasterFigure, membraneFigure, mostActive } from "./figures/activity";
export { neuronsPerClassFigure, confusionFigure } from "./figures/labels";
export { speedFigure } from "./figures/speed";
export { learningDiagnosticsFigure } from "./figures/diagnostics";
export { parseDiagnosticsTable } from "./analysis/diagnostics";
export type { DiagnosticsRow } from "./analysis/diagnostics";
export { loadReferenceAccuracy, loadReferenceSpeed } from "./data/reference";
export { summarizeAccuracy, summaryText, longestRunsOnly } from "./analysis/summary";
export type { SummaryRow } from "./analysis/summary";
export { accuracyPivot, shortCount } from "./analysis/pivot";
export type { AccuracyPivot } from "./analysis/pivot";
export { networkScale, neuronsSweep, trainingSweep, resultsDir, notebookScale } from "./experiment/scales";
export type { Scale } from "./experiment/scales";
export { runSweep } from "./experiment/pool";
export type { SweepOutcome, SweepEvent, SweepOptions } from "./experiment/pool";
export { sweepSpec, sweepRuns } from "./experiment/sweep";
export type { SweepSpec } from "./experiment/sweep";
export { ResultsStore } from "./experiment/store";
