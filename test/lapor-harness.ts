/**
 * A database, a LAPOR simulator over real HTTP, and the staff who act on complaints, for the
 * LAPOR tests: poll LAPOR, take the workflow's steps, and drain the outbox as the worker does.
 */
import { and, count, eq, sql } from "drizzle-orm";
import { complaints, opds, outbox, users } from "@/db/schema";
import type { TestBackend, TestDatabase } from "./databases";
import { setLaporConfig } from "@/integrations/lapor/config";
import { pollOnce } from "@/integrations/lapor/inbound";
import "@/integrations/lapor/jobs";
import { drainOnce } from "@/queue/run";
import { startLaporSim, type LaporSim } from "@/lapor-sim/server";
import type { Action } from "@/domain/workflow";
import { performAction, type ActingParty } from "@/server/workflow/perform";

const LAPOR_TOPICS = ["lapor.create_complaint", "lapor.followup", "lapor.forward"];

export type LaporHarness = Awaited<ReturnType<typeof openLaporHarness>>;

export async function openLaporHarness(backend: TestBackend) {
  const t: TestDatabase = await backend.open();
  const sim: LaporSim = await startLaporSim({ apiKey: "k", token: "t", institutionId: "2171", externals: [{ id: "9001", name: "BP Batam" }] });
  const cfg = { baseUrl: sim.url, apiKey: "k", token: "t", institutionId: "2171", timeoutMs: 2000 };
  setLaporConfig(cfg);
  const [dukcapil] = await t.db.select({ id: opds.id }).from(opds).where(eq(opds.code, "DISDUKCAPIL"));
  const [c] = await t.db.insert(users).values({ email: "coord@x", name: "Koordinator", role: "coordinator", passwordHash: "x" }).returning();
  const [o] = await t.db.insert(users).values({ email: "dukcapil@x", name: "Petugas", role: "opd_officer", opdId: dukcapil!.id, passwordHash: "x" }).returning();
  const coord: ActingParty = { kind: "staff", userId: c!.id, role: "coordinator", opdId: null };
  const officer: ActingParty = { kind: "staff", userId: o!.id, role: "opd_officer", opdId: dukcapil!.id };
  const act = (complaintId: number, action: Action, party: ActingParty, input: unknown = {}) => performAction(t.db, { complaintId, action, party, input, now: new Date() });
  const makeDue = () => t.db.execute(sql`update outbox set next_attempt_at = now() where status = 'pending'`);

  return {
    t,
    sim,
    cfg,
    coord,
    officer,
    act,
    makeDue,
    /** One poll; with `tries`, polls again after a failed one (faults), up to that many times. */
    async poll(tries = 1) {
      for (let i = 1; ; i++) {
        try {
          return await pollOnce({ db: t.db, cfg, region: "BTM" }, null);
        } catch (err) {
          if (i >= tries) throw err;
        }
      }
    },
    /** Delivers until nothing is pending (a retry's backoff is cut short); `rounds` bounds it. */
    async drain(rounds = 10, opts: { maxAttempts?: number } = {}) {
      const total = { delivered: 0, retried: 0, dead: 0 };
      for (let i = 0; i < rounds; i++) {
        const r = await drainOnce(t.db, { topics: LAPOR_TOPICS, backoffMs: 10, ...opts });
        total.delivered += r.delivered;
        total.retried += r.retried;
        total.dead += r.dead;
        const [pending] = await t.db.select({ n: count() }).from(outbox).where(and(eq(outbox.status, "pending"), sql`${outbox.topic} like 'lapor.%'`));
        if (pending!.n === 0) break;
        await makeDue();
      }
      return total;
    },
    byLapor: async (laporId: number | string) => (await t.db.select().from(complaints).where(eq(complaints.laporId, String(laporId))))[0],
    /** The complaint's outbox row of `topic`. */
    itemOf: async (complaintId: number, topic: string) => (await t.db.select().from(outbox).where(and(eq(outbox.complaintId, complaintId), eq(outbox.topic, topic))))[0],
    /** Settles whatever earlier tests left in the queue, so each test starts with an empty one. */
    async settle() {
      await t.db.update(outbox).set({ status: "done" }).where(eq(outbox.status, "pending"));
    },
    async close() {
      setLaporConfig(undefined);
      await sim.close();
      await t.dispose();
    },
  };
}
