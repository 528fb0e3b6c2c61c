import "server-only";
import { sharedDb, type Db } from "@/db/client";
import { env } from "@/lib/env";

/**
 * The app's database (PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR).
 *
 * Never while `next build` prerenders: a page that asked for it before reading its request
 * (searchParams, headers, cookies) would open the embedded database from the build's worker —
 * creating DATA_DIR and its lock, which the first `npm start` right after the build could then
 * find held. The build fails here instead, naming the page in its stack.
 */
export function getDb(): Db {
  if (process.env.NEXT_PHASE === "phase-production-build") {
    throw new Error("getDb() while building: read the request (await searchParams, headers() or connection()) before opening the database");
  }
  const e = env();
  return sharedDb({ url: e.DATABASE_URL, dataDir: e.DATA_DIR }).db;
}
