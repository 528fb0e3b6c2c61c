import { openDb } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { env } from "@/lib/env";
import { runScript } from "./run-script";

await runScript(async () => {
  const e = env();
  const handle = openDb({ url: e.DATABASE_URL, dataDir: e.DATA_DIR, poolSize: 1 });
  try {
    await migrateDb(handle);
    console.log(`migrations applied (${handle.kind})`);
  } finally {
    await handle.close();
  }
});
