/**
 * Child process of db/pg-array-types.test.ts: opens the database at DATABASE_URL (a proxy that
 * resets each new connection once it asks for the array types) and runs one query. Prints
 * "query failed <code>" and, if the process is still alive half a second later, "alive".
 */
import { sql } from "drizzle-orm";
import { openDb } from "@/db/client";
import { dbErrorCode } from "@/db/errors";

const handle = openDb({ url: process.env.DATABASE_URL, poolSize: 1 });
try {
  await handle.db.execute(sql`select 1`);
  console.log("query answered");
} catch (err) {
  console.log(`query failed ${dbErrorCode(err)}`);
}
await new Promise((resolve) => setTimeout(resolve, 500));
console.log("alive");
await handle.close();
