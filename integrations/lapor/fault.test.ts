/**
 * The fault test: worker processes (scripts/worker.ts, as `npm run worker` runs it) against a
 * PostgreSQL test database and a LAPOR simulator answering 30 % of calls with 5xx, with random
 * hangs, 429s and answers lost after the write. 1,000 complaints come in and 1,000 answers go
 * out with zero lost and zero duplicated on either side, while a worker is killed with SIGKILL
 * and replaced midway through each direction; then LAPOR switches to "v4" and its payloads are
 * quarantined while the workers keep running. Needs TEST_DATABASE_URL (several processes).
 */
import { and, count, eq, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaints, outbox } from "@/db/schema";
import { laporQuarantine } from "@/db/schema-lapor";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { startLaporSim, type LaporSim } from "@/lapor-sim/server";
import { workerProcesses } from "@/test/worker-processes";

const N = 1000;
const backend = testDatabases().find((b) => b.name === "postgres");

describe.skipIf(!backend)("LAPOR under faults, with worker processes killed midway", () => {
  let t: TestDatabase;
  let sim: LaporSim;
  const procs = workerProcesses(() => ({
    databaseUrl: t.handle.url!,
    laporUrl: sim.url,
    env: { LAPOR_POLL_SECONDS: "5", LAPOR_TIMEOUT_MS: "400", WORKER_BACKOFF_MS: "50", WORKER_BACKOFF_CAP_MS: "2000", WORKER_LEASE_MS: "10000", WORKER_MAX_ATTEMPTS: "100", WORKER_CONCURRENCY: "8" },
  }));
  const { start: startWorker, kill, until, alive: workers } = procs;

  const imported = async () => (await t.db.select({ n: count() }).from(complaints).where(eq(complaints.channel, "lapor")))[0]!.n;
  const followupsDone = async () =>
    (await t.db.select({ n: count() }).from(outbox).where(and(eq(outbox.topic, "lapor.followup"), eq(outbox.status, "done"))))[0]!.n;

  beforeAll(async () => {
    t = await backend!.open();
    sim = await startLaporSim({ apiKey: "k", token: "t", institutionId: "2171" });
  });
  afterAll(async () => {
    await procs.killAll();
    await sim?.close();
    await t?.dispose();
  });

  it("loses and duplicates nothing in either direction", { timeout: 900_000 }, async () => {
    const ids = Array.from({ length: N }, (_, n) => sim.store.createDisposed({ n }).id);
    sim.setFaults({ latencyMs: 2, latencyJitterMs: 5, errorRate: 0.3, timeoutRate: 0.02, hangMs: 1000, rateLimitRate: 0.05, retryAfterSeconds: 1, lostResponseRate: 0.1 });

    // Inbound: two workers poll; one is killed once part of the complaints are in, and replaced.
    const [first] = [startWorker(), startWorker()];
    await until("a third of the inbound complaints", async () => (await imported()) >= N / 3);
    await kill(first!);
    startWorker();
    await until("every inbound complaint", async () => (await imported()) >= N);

    const local = await t.db.select({ id: complaints.id, laporId: complaints.laporId }).from(complaints).where(eq(complaints.channel, "lapor"));
    expect(local).toHaveLength(N);
    expect(new Set(local.map((c) => c.laporId))).toEqual(new Set(ids.map(String)));

    // Outbound: an OPD's answer on each of them, written as the workflow writes it (event + outbox row).
    await t.db.execute(sql`
      with e as (
        insert into complaint_events (complaint_id, action, actor_role, from_status, to_status, public_message)
        select id, 'respond', 'opd_officer', 'in_progress', 'responded', 'Jawaban nomor ' || id from complaints where channel = 'lapor'
        returning id, complaint_id)
      insert into outbox (topic, complaint_id, payload, dedupe_key)
      select 'lapor.followup', complaint_id, jsonb_build_object('eventId', id), 'lapor.followup:' || id from e`);
    await until("a third of the answers", async () => (await followupsDone()) >= N / 3);
    await kill([...workers][0]!);
    startWorker();
    await until("every answer", async () => (await followupsDone()) >= N);

    const dead = await t.db.select({ n: count() }).from(outbox).where(eq(outbox.status, "dead"));
    expect(dead[0]!.n).toBe(0);
    const answers = sim.store.followups.filter((f) => f.author_type === "institution");
    expect(answers).toHaveLength(N);
    expect(new Set(answers.map((f) => f.complaint_id)).size).toBe(N);
    const received = sim.store.received.filter((r) => r.call === "followup");
    expect(received).toHaveLength(N);
    const results = await t.db.select({ result: outbox.result }).from(outbox).where(and(eq(outbox.topic, "lapor.followup"), isNotNull(outbox.result)));
    expect(new Set(results.map((r) => r.result!.laporFollowupId)).size).toBe(N);
    expect(await imported()).toBe(N);

    // LAPOR changes version: new payloads are quarantined, the workers keep running.
    sim.setFaults({ version: "v4", errorRate: 0, timeoutRate: 0, rateLimitRate: 0, lostResponseRate: 0 });
    const more = Array.from({ length: 5 }, () => sim.store.createDisposed({}).id);
    await until("quarantined v4 payloads", async () => (await t.db.select({ n: count() }).from(laporQuarantine))[0]!.n >= 5, 30_000);
    expect(workers.size).toBe(2);
    sim.setFaults({ version: "v3" });
    await until("the v4-era complaints once LAPOR speaks v3 again", async () => (await imported()) === N + more.length, 30_000);
  });
});
