import { ConfigError } from "../server/env";

/** Runs a command-line task: configuration errors print one line; anything else exits non-zero. */
export async function runScript(task: () => Promise<void>): Promise<void> {
  try {
    await task();
  } catch (err) {
    if (err instanceof ConfigError) console.error(err.message);
    else console.error(err);
    process.exit(1);
  }
}
