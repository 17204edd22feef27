/**
 * The package's `snn-workbook/notebook` entry: display and long-running work inside a tslab kernel (figures, images,
 * tables, progress bars, interruptible training and sweeps, the live view). Outside a kernel these have nothing to
 * display to; the main entry never loads them.
 */
export { grayImageHtml, headerText, liveHtml, progressBar, show, showFigure, showFiguresSideBySide, showGrayImage, showMarkdown, showTable, usePlotly } from "./display";
export { chunkFor, untilInterrupted } from "./interrupt";
export type { SignalSource } from "./interrupt";
export { assignmentMapHtml, runningEstimate, trainWithLiveView } from "./live";
export type { LiveViewOptions } from "./live";
export { respondWithProgress, sayTrainingInterrupted, sweepWithProgress, trainWithProgress } from "./run";
