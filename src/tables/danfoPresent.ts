/**
 * Loaded first by the tables entry: danfojs-node is an optional peer dependency, so say how to get it instead of
 * failing deep inside a require.
 */
try {
  require.resolve("danfojs-node");
} catch {
  throw new Error("snn-workbook/tables needs danfojs-node, an optional peer dependency: install it beside snn-workbook (npm install danfojs-node@1.2.0; offline, with package.json overrides: xlsx -> npm:xlsx@0.18.5, @tensorflow/tfjs-node -> npm:@tensorflow/tfjs@3.21.0)");
}

export {};
