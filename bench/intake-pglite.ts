import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { PGLITE_EXTENSIONS, type Db } from "@/db/client";
import { durablePgliteOptions } from "@/db/pglite-durable";
import * as schema from "@/db/schema";
import { prepareDb } from "@/db/seed";
import { intakeComplaint } from "@/server/intake";
import { emit, log, percentile, round } from "./harness";

/**
 * `intake_pglite`: what durable embedded writes cost. The intake pipeline (the same function the
 * API calls, no HTTP) on an embedded database in a temporary folder, complaints one after another
 * (PGlite runs one statement at a time anyway), first as PGlite ships (fsync off: a commit is only
 * in the page cache), then as `openDb` opens it (every commit fsynced to disk, db/pglite-durable.ts).
 * BENCH_PGLITE_COMPLAINTS (300) per mode.
 */
export async function intakePgliteBench(): Promise<void> {
  const n = Number(process.env.BENCH_PGLITE_COMPLAINTS ?? 300);
  const root = mkdtempSync(path.join(tmpdir(), "pintu-bench-pglite-"));
  const dir = path.join(root, "pglite");
  try {
    for (const mode of ["relaxed", "durable"] as const) {
      const client = new PGlite({ dataDir: dir, extensions: PGLITE_EXTENSIONS, ...(mode === "durable" ? durablePgliteOptions(dir) : {}) });
      const db = drizzle(client, { schema }) as unknown as Db;
      if (mode === "relaxed") await prepareDb({ db, kind: "pglite", close: () => client.close() }, { region: "BTM", demo: false });
      const times: number[] = [];
      const start = performance.now();
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        await intakeComplaint(db, {
          raw: { title: `Lampu jalan mati nomor ${i}`, body: `Lampu penerangan jalan di depan rumah nomor ${i} mati sejak minggu lalu.`, kecamatan: "Batam Kota", kelurahan: "Baloi Permai" },
          files: [],
          channel: "web",
          region: "BTM",
          now: new Date(),
        });
        times.push(performance.now() - t);
      }
      const seconds = (performance.now() - start) / 1000;
      await client.close();
      times.sort((a, b) => a - b);
      emit({ bench: "intake_pglite", mode, complaints: n, per_s: round(n / seconds, 1), p50_ms: round(percentile(times, 50), 2), p99_ms: round(percentile(times, 99), 2) });
      log(`intake_pglite ${mode}: ${round(n / seconds, 1)}/s`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
