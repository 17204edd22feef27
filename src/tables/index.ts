/**
 * The package's `snn-workbook/tables` entry: results and data as danfojs DataFrames. It needs the optional peer
 * dependency danfojs-node (install it beside snn-workbook); the main entry never loads it.
 */
import "./danfoPresent";
export { classCountsTable, frameFromRows } from "./dataframes";
export type { DataFrame } from "./dataframes";
export { exportCsv, loadRecords, loadResultsFrame, summaryFrame } from "./results";
