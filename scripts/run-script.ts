import { BackupError } from "@/db/backup";
import { DataDirLockedError } from "@/db/data-dir-lock";
import { ConfigError } from "@/lib/env";

/** A mistake in how a command was called: reported as one line. */
export class UsageError extends Error {}

/** Runs a command-line task: configuration errors print one line; anything else exits non-zero. */
export async function runScript(task: () => Promise<void>): Promise<void> {
  try {
    await task();
  } catch (err) {
    // Configuration and usage mistakes are one clear line; anything else keeps its stack.
    if (err instanceof ConfigError || err instanceof UsageError || err instanceof DataDirLockedError || err instanceof BackupError) console.error(err.message);
    else console.error(err);
    process.exit(1);
  }
}
