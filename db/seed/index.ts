import type { DbHandle } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { seedHolidays } from "./holidays";
import { seedLaporMappings } from "./lapor-mappings";
import { seedReference } from "./reference";

/** Migrates, then loads reference data (and demo data when asked); safe to run again. */
export async function prepareDb(handle: DbHandle, opts: { region: string; demo: boolean; now?: Date }): Promise<void> {
  await migrateDb(handle);
  await seedReference(handle.db, opts.region);
  await seedLaporMappings(handle.db, opts.region);
  // The working calendar is seeded for the current and the next year.
  const year = (opts.now ?? new Date()).getUTCFullYear();
  await seedHolidays(handle.db, [year, year + 1]);
  if (opts.demo) {
    const { seedDemo } = await import("./demo");
    await seedDemo(handle.db, opts.region);
  }
}
