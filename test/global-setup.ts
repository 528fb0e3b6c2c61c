import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { openDb } from "@/db/client";
import { prepareDb } from "@/db/seed";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated, seeded PGlite data directory (tar.gz) that database tests start from. */
    pgliteTemplate: string | null;
  }
}

/**
 * Migrates and seeds one PGlite once and saves it, so each database test file loads a copy
 * instead of running initdb, the migrations and the seed again (most of its start-up time).
 */
export default async function setup(project: TestProject) {
  const file = path.join(tmpdir(), `pintu-pglite-${process.pid}-${randomBytes(4).toString("hex")}.tar.gz`);
  const handle = openDb({});
  try {
    await prepareDb(handle, { region: "BTM", demo: false });
    const client = (handle.db as unknown as { $client: PGlite }).$client;
    const dump = await client.dumpDataDir("gzip");
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await handle.close();
  }
  project.provide("pgliteTemplate", file);
  return () => rmSync(file, { force: true });
}
