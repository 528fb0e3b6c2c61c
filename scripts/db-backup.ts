import { backupDb, restoreDb } from "@/db/backup";
import { env } from "@/lib/env";
import { runScript, UsageError } from "./run-script";

/** `npm run db:backup -- FILE` and `npm run db:restore -- FILE`: see db/backup.ts and docs/OPERATIONS.md. */
await runScript(async () => {
  const [mode, file, ...rest] = process.argv.slice(2);
  if ((mode !== "backup" && mode !== "restore") || !file || rest.length) throw new UsageError(`usage: npm run db:${mode === "restore" ? "restore" : "backup"} -- FILE`);
  const e = env();
  const target = { url: e.DATABASE_URL, dataDir: e.DATA_DIR };
  console.log(mode === "backup" ? await backupDb(target, file) : await restoreDb(target, file));
});
