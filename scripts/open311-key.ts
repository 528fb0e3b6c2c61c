import { parseArgs } from "node:util";
import { openDb } from "@/db/client";
import { CLI_ACTOR } from "@/db/queries/audit";
import { migrateDb } from "@/db/migrate";
import { env } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { createOpen311Key } from "@/server/open311/keys";
import { runScript, UsageError } from "./run-script";

const PROBLEMS: Record<string, string> = {
  open311ClientName: "--name must be 2–100 characters",
  open311RateLimit: "--rate-limit must be a whole number from 0 to 100000 (requests per minute; 0 = no limit)",
};

/** `npm run open311:key -- --name NAME [--rate-limit N]`: creates an Open311 client and prints its API key once. */
await runScript(async () => {
  const { values } = parseArgs({ options: { name: { type: "string" }, "rate-limit": { type: "string" } } });
  const e = env();
  const handle = openDb({ url: e.DATABASE_URL, dataDir: e.DATA_DIR, poolSize: 1 });
  try {
    await migrateDb(handle);
    const made = await createOpen311Key(handle.db, { name: values.name ?? "", rateLimit: values["rate-limit"] }, CLI_ACTOR).catch((err: unknown) => {
      if (err instanceof ValidationError) throw new UsageError(Object.values(err.fieldErrors).flat().map((k) => PROBLEMS[k] ?? k).join("; "));
      throw err;
    });
    console.log(`Created Open311 client "${made.name}" (id ${made.id}). API key (shown once; only its hash is stored):\n${made.key}`);
  } finally {
    await handle.close();
  }
});
