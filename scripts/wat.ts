/** Compile WebAssembly text (with SIMD) to a binary module using the `wabt` package. */
import wabtInit from "wabt";

export async function compileKernelsWat(source: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const module = wabt.parseWat("kernels.wat", source, { simd: true });
  try {
    module.validate();
    return new Uint8Array(module.toBinary({ log: false, write_debug_names: false }).buffer);
  } finally {
    module.destroy();
  }
}
