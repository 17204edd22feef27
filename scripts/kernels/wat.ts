/** Helpers of the kernel generator: block field access from the layout table, exported block-calling wrappers, docs. */
import { BlockLayout } from "../../src/core/wasm/layout";

/** `(type.load offset=N (local.get $c))`: a field of the block whose address is in local `base`. */
export function load(layout: BlockLayout, field: string, base = "$c"): string {
  const f = (layout.fields as Record<string, BlockLayout["fields"][string]>)[field];
  if (!f) throw new Error(`generator: block ${layout.name} has no field "${field}"`);
  return `(${f.type}.load offset=${f.offset} (local.get ${base}))`;
}

/** `(i32.add (local.get $c) (i32.const N))`: the address of a field of the block whose address is in local `base`. */
export function address(layout: BlockLayout, field: string, base = "$c"): string {
  const f = (layout.fields as Record<string, BlockLayout["fields"][string]>)[field];
  if (!f) throw new Error(`generator: block ${layout.name} has no field "${field}"`);
  return `(i32.add (local.get ${base}) (i32.const ${f.offset}))`;
}

/** `(type.store offset=N (local.get $c) value)`. */
export function store(layout: BlockLayout, field: string, value: string, base = "$c"): string {
  const f = (layout.fields as Record<string, BlockLayout["fields"][string]>)[field];
  if (!f) throw new Error(`generator: block ${layout.name} has no field "${field}"`);
  return `(${f.type}.store offset=${f.offset} (local.get ${base}) ${value})`;
}

/**
 * The exported kernel `name`: one parameter, the block's address; it loads the internal function's arguments from the
 * block (each a field name, or a WAT expression in parentheses) and returns its result (or 0).
 */
export function exportWrapper(name: string, internal: string, layout: BlockLayout, args: string[], returns: boolean): string {
  const loaded = args.map((a) => (a.startsWith("(") ? a : load(layout, a)));
  const call = `(call ${internal}\n      ${wrap(loaded, 6)})`;
  return `  ;; ${name}(block: ${layout.name}): calls ${internal} with the block's fields.
  (func (export "${name}") (param $c i32) (result i32)
    ${returns ? call : `${call}\n    (i32.const 0)`})`;
}

/** Join expressions on lines of at most ~118 characters, continuation lines indented. */
export function wrap(items: string[], indent: number): string {
  const lines: string[] = [];
  let line = "";
  for (const item of items) {
    if (line && line.length + item.length + 1 > 118 - indent) {
      lines.push(line);
      line = item;
    } else line = line ? `${line} ${item}` : item;
  }
  if (line) lines.push(line);
  return lines.join(`\n${" ".repeat(indent)}`);
}

/** A block's layout as comment lines (offset, type, field, doc). */
export function blockDoc(layout: BlockLayout): string {
  const rows = Object.entries(layout.fields).map(([name, f]) => `;;   ${String(f.offset).padStart(4)} ${f.type} ${name}: ${f.doc}`);
  return [`;; block "${layout.name}" (${layout.bytes} bytes): ${layout.doc}`, ...rows].join("\n");
}

/** Repeat a template for k = 0 .. n - 1 and join with newlines. */
export function times(n: number, fn: (k: number) => string): string {
  return Array.from({ length: n }, (_, k) => fn(k)).join("\n");
}

/** ` offset=N` (nothing for 0). */
export const offset = (bytes: number): string => (bytes === 0 ? "" : ` offset=${bytes}`);

/** `text` as WAT comment lines of at most `width` characters, indented; continuation lines indented two more. */
export function comment(text: string, indent: number, width = 120): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    const prefix = `${" ".repeat(indent)};; ${lines.length > 0 ? "  " : ""}`;
    if (line && prefix.length + line.length + 1 + word.length > width) {
      lines.push(prefix + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(`${" ".repeat(indent)};; ${lines.length > 0 ? "  " : ""}${line}`);
  return lines.join("\n");
}
