import type { DbHandle } from "../client";
import { migrateDb } from "../migrate";
import { seedReference } from "./reference";

/** Migrates, then loads reference data (and demo data when asked); safe to run again. */
export async function prepareDb(handle: DbHandle, opts: { region: string; demo: boolean }): Promise<void> {
  await migrateDb(handle);
  await seedReference(handle.db, opts.region);
  if (opts.demo) {
    const { seedDemo } = await import("./demo");
    await seedDemo(handle.db, opts.region);
  }
}
