import "server-only";
import { sharedDb, type Db } from "@/db/client";
import { env } from "../lib/env";

/** The app's database (PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR). */
export function getDb(): Db {
  const e = env();
  return sharedDb({ url: e.DATABASE_URL, dataDir: e.DATA_DIR }).db;
}
