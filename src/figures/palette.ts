/** plotly's default colour sequence: one colour per class (0-9) or per series, the same in every figure. */
export const PLOTLY_COLOURS: readonly string[] = Object.freeze(["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]);
