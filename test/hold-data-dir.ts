/**
 * A process that owns an embedded database folder, for db/data-dir-lock.test.ts: opens DATA_DIR
 * as every command does (`openDb`), writes `N` rows one commit each, prints "held", waits for a
 * line on stdin, writes `N` more, closes. Run with tsx: `tsx test/hold-data-dir.ts DIR N`.
 */
import { createInterface } from "node:readline";
import { sql } from "drizzle-orm";
import { openDb } from "@/db/client";
import { runScript } from "@/scripts/run-script";

await runScript(async () => {
  const [dir, n] = [process.argv[2]!, Number(process.argv[3] ?? 10)];
  const handle = openDb({ dataDir: dir, poolSize: 1 });
  const write = async () => {
    for (let i = 0; i < n; i++) await handle.db.execute(sql`insert into held (pid) values (${process.pid})`);
  };
  await handle.db.execute(sql`create table if not exists held (id serial primary key, pid int not null)`);
  await write();
  console.log("held");
  const input = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => input.once("line", () => resolve()));
  input.close();
  process.stdin.destroy();
  await write();
  await handle.close();
  console.log("closed");
});
