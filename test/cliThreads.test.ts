import assert from "node:assert/strict";
import { test } from "node:test";
import { freeCores, threadsOption } from "../src/cli/threads";

test("--threads: auto splits only large networks over free cores; a count above the free cores warns once", () => {
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  const quiet = freeCores(8, 0.2), busy = freeCores(2, 1.3);
  assert.deepEqual(busy, { cores: 2, busy: 1, free: 1 });
  assert.equal(threadsOption({ threads: "auto" }, 6400, 1, warn, quiet), 8);
  assert.equal(threadsOption({ threads: "auto" }, 6400, 2, warn, quiet), 4);
  assert.equal(threadsOption({ threads: "auto" }, 400, 1, warn, quiet), 1, "a small network: its meetings cost more than they save");
  assert.equal(threadsOption({ threads: "auto" }, 6400, 1, warn, busy), 1, "one free core");
  assert.equal(warnings.length, 0);
  assert.equal(threadsOption({ threads: "2" }, 50, 1, warn, busy), 2, "run as asked");
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /--threads 2: 2 threads with 1 of 2 cores free \(load 1\): slices without a core of their own wait .* --threads auto picks what fits/);
  assert.equal(threadsOption({}, 50, 1, warn, busy), 1);
  assert.throws(() => threadsOption({ threads: "9" }, 8, 1, warn, quiet), /a network of 8 neurons splits into at most 8 threads/);
  assert.throws(() => threadsOption({ threads: "two" }, 8, 1, warn, quiet), /--threads must be an integer/);
});
