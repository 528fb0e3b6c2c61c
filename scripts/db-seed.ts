import { openDb } from "@/db/client";
import { prepareDb } from "@/db/seed";
import { seedDemoComplaints } from "@/server/demo-complaints";
import { env } from "@/lib/env";
import { runScript } from "./run-script";

await runScript(async () => {
  const e = env();
  const handle = openDb({ url: e.DATABASE_URL, dataDir: e.DATA_DIR, poolSize: 1 });
  try {
    await prepareDb(handle, { region: e.PINTU_REGION, demo: e.demo });
    if (e.demo) await seedDemoComplaints(handle.db, e.PINTU_REGION);
    console.log(`reference data loaded for ${e.PINTU_REGION}${e.demo ? " with demo data" : ""} (${handle.kind})`);
  } finally {
    await handle.close();
  }
});
