/**
 * The optional peer dependencies the command line loads only when a command needs them (bullmq for the queue; tslab
 * for `snn kernel`): the module, or an error that says what to install.
 */

/** `load()`, or, when it fails because `pkg` is not installed, an error naming the npm package to install. */
export async function needPackage<T>(pkg: string, purpose: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const message = (e as Error).message ?? "";
    if ((e as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND" && message.includes(`'${pkg}'`)) {
      throw new Error(`${purpose} needs the npm package ${pkg}, an optional peer dependency of snn-workbook: npm install ${pkg}`);
    }
    throw e;
  }
}
