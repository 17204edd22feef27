/**
 * The public API that notebooks and scripts import (`import { ... } from "./src/index"` from the project root).
 * Display functions live in ./notebook/display (they need a tslab kernel); tables in ./tables (they load danfojs).
 */
import { staleBuildWarning } from "./staleBuild";

const stale = staleBuildWarning(__dirname);
if (stale) console.warn(stale);

export { Network, createRecording } from "./core/network";
export type { NetworkOptions, NetworkLike, PresentResult, Recording, NetworkState } from "./core/network";
export { SplitNetwork } from "./experiment/splitNetwork";
export type { SplitNetworkOptions } from "./experiment/splitNetwork";
export { DIEHL_COOK_2015, BINDSNET, PRESETS, presetByName, withOverrides } from "./core/params";
export { overrideLabel, presetFromLabel, presetLabel } from "./core/overrides";
export type { Preset, Inhibition, InhibitionSchedule } from "./core/params";
export { train, trainRecording, respond, assignFromResponses, evaluateResponses, evaluateDecisions } from "./experiment/phases";
export type { Responses, Evaluation, PhaseStats, DecisionPoint, DecisionResponses } from "./experiment/phases";
export type { DecisionWindows } from "./core/decision";
export { synOps } from "./analysis/cost";
export { costRows, costFrontier, longestPerSize, accuracyVsCostFigure, accuracyVsDecisionTimeFigure } from "./figures/cost";
export type { CostRow } from "./figures/cost";
export { saveNetwork, loadNetwork } from "./core/snapshot";
export { assignLabels, predictAllActivity, predictProportion } from "./analysis/labels";
export { accuracyPercent, confusionMatrix, perClassAccuracy, misclassified } from "./analysis/metrics";
export { perClassAccuracyFigure, histogramFigure, misclassifiedGallery } from "./figures/inspect";
export { monitorFigure } from "./figures/monitor";
export { StateMonitor } from "./core/monitor";
export type { MonitorOptions, MonitorVariable, MonitorLayer } from "./core/monitor";
export { loadMnist, loadIdxDigits, DATASETS } from "./data/mnist";
export type { DatasetName, MnistSplit } from "./data/mnist";
export { classCounts, digitPixels } from "./data/digits";
export type { Digits } from "./data/digits";
export { classCountsFigure } from "./figures/classCounts";
export { digitGrid, receptiveFieldGrid } from "./figures/digits";
export type { FigureSpec } from "./figures/spec";
export { runExperiment, evaluateSnapshot, DECISION_MS } from "./experiment/run";
export type { RunConfig } from "./experiment/config";
export {
  accuracyVsNeuronsFigure, accuracyVsTrainingFigure, finalRows, latestRows, perSizeSeries, PER_SIZE_SERIES, isDeparture, ticksAt, logTicks,
  mostTrainedPerSize, passesText,
} from "./figures/accuracy";
export type { AccuracyFigureOptions } from "./figures/accuracy";
export { comparableReferences } from "./figures/references";
export { saveFigure, FigureWriter } from "./figures/save";
export type { FigureSize } from "./figures/save";
export { accuracyByRuleFigure, ruleComparisonRows, ruleSeriesName } from "./figures/rules";
export { spikeRasterFigure, membraneFigure, mostActive } from "./figures/activity";
export { neuronsPerClassFigure, confusionFigure } from "./figures/labels";
export { latticeLabelMapFigure, neighbourAgreement, inhibitionScheduleFigure, readoutFigure, runningAccuracyFigure } from "./figures/lattice";
export { runningAccuracy } from "./analysis/runningAccuracy";
export type { RunningPoint } from "./analysis/runningAccuracy";
export type { ReadoutSeries } from "./figures/lattice";
export { READOUTS, READOUT_COLUMNS, evaluateReadouts } from "./analysis/readouts";
export type { Readout, ReadoutData, ReadoutNetwork, SpikeOrders } from "./analysis/readouts";
export { inhibitionLevel, latticeSide } from "./core/lattice";
export { speedFigure } from "./figures/speed";
export { learningDiagnosticsFigure } from "./figures/diagnostics";
export { parseDiagnosticsTable } from "./analysis/diagnostics";
export type { DiagnosticsRow } from "./analysis/diagnostics";
export { loadReferenceAccuracy, loadReferenceSpeed } from "./data/reference";
export { summarizeAccuracy, summaryText, longestRunsOnly } from "./analysis/summary";
export { onePassRecords } from "./analysis/onePass";
export type { SummaryRow } from "./analysis/summary";
export { accuracyPivot, shortCount } from "./analysis/pivot";
export { formatColumn, meanSdText } from "./analysis/numberFormat";
export type { AccuracyPivot } from "./analysis/pivot";
export { networkScale, neuronsSweep, trainingSweep, resultsDir, notebookScale } from "./experiment/scales";
export type { Scale } from "./experiment/scales";
export { runSweep } from "./experiment/pool";
export type { SweepOutcome, SweepEvent, SweepOptions, RunOrder } from "./experiment/pool";
export { sweepSpec, sweepRuns } from "./experiment/sweep";
export { gridPoints, parseAxis } from "./experiment/grid";
export { sensitivityMap, sensitivityMapFigure } from "./figures/sensitivity";
export { availableMaps, COMMITTED_MAPS, mapTitle } from "./figures/committedMaps";
export type { MapSpec } from "./figures/committedMaps";
export type { SensitivityMap, MapCell } from "./figures/sensitivity";
export type { GridPoint, ParameterAxis } from "./experiment/grid";
export type { SweepSpec } from "./experiment/sweep";
export { ResultsStore, loadRecords } from "./experiment/store";
