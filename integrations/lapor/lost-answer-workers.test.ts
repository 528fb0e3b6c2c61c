/**
 * Issue 18 with real worker processes: LAPOR (listing statuses by name, the shape that made
 * Pintu post an answer twice) stores a write and holds its answer; the worker is SIGKILLed
 * while it waits, so it records nothing. Another worker takes the item over when its lease runs
 * out and must find the write in LAPOR instead of sending it again. Once per write call.
 * Needs TEST_DATABASE_URL (several processes on one database).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaints } from "@/db/schema";
import { testDatabases } from "@/test/databases";
import { NO_FAULTS, WRITE_CALLS, type WriteCall } from "@/lapor-sim/faults";
import { intakeComplaint } from "@/server/intake";
import { validComplaint } from "@/test/fixtures";
import { openLaporHarness, type LaporHarness } from "@/test/lapor-harness";
import { workerProcesses } from "@/test/worker-processes";

const backend = testDatabases().find((b) => b.name === "postgres");
const TOPIC: Record<WriteCall, string> = { create: "lapor.create_complaint", followup: "lapor.followup", forward: "lapor.forward" };
const RECEIVED: Record<WriteCall, string> = { create: "create", followup: "followup", forward: "reject" };

describe.skipIf(!backend)("a worker killed between LAPOR storing a write and its answer", () => {
  let h: LaporHarness;
  const procs = workerProcesses(() => ({
    databaseUrl: h.t.handle.url!,
    laporUrl: h.sim.url,
    // The lease (and so the handler's own time limit, half of it) outlasts the moment of the kill.
    env: { LAPOR_POLL_SECONDS: "3600", WORKER_LEASE_MS: "8000", WORKER_BACKOFF_MS: "50", LAPOR_TIMEOUT_MS: "30000" },
  }));
  beforeAll(async () => {
    h = await openLaporHarness(backend!);
  });
  afterAll(async () => {
    await procs.killAll();
    await h?.close();
  });

  async function waitingItem(call: WriteCall): Promise<number> {
    if (call === "create") return (await intakeComplaint(h.t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: new Date() })).complaintId!;
    const lc = h.sim.store.createDisposed({});
    await h.poll();
    const local = (await h.byLapor(lc.id))!;
    if (call === "forward") await h.act(local.id, "forward", h.coord, { externalCode: "BPBATAM", note: "Lahan kewenangan BP Batam." });
    else {
      await h.act(local.id, "dispose", h.coord, { opdCode: "DISDUKCAPIL" });
      await h.act(local.id, "accept", h.officer);
      await h.act(local.id, "respond", h.officer, { message: "Sudah kami perbaiki kemarin sore." });
    }
    return local.id;
  }

  it.each(WRITE_CALLS)("%s: stored once, found by the next worker", { timeout: 180_000 }, async (call) => {
    h.sim.setFaults({ ...NO_FAULTS, variant: { ...NO_FAULTS.variant, statusNames: true } });
    const complaintId = await waitingItem(call);
    const writes = () => h.sim.store.received.filter((r) => r.call === RECEIVED[call]);
    const before = writes().length;
    h.sim.setFaults({ loseAnswerOf: { ...NO_FAULTS.loseAnswerOf, [call]: 1 }, lostAnswerDelayMs: 60_000 });

    const first = procs.start();
    await procs.until(`LAPOR storing the ${call}`, async () => writes().length > before, 120_000);
    await procs.kill(first);
    // The killed worker recorded nothing: the item is still its claimed attempt, leased.
    expect(await h.itemOf(complaintId, TOPIC[call])).toMatchObject({ status: "pending", attempts: 1, lastError: null });

    const second = procs.start();
    await procs.until(`the ${call} delivered`, async () => (await h.itemOf(complaintId, TOPIC[call]))!.status === "done", 120_000);
    await procs.kill(second);
    expect(writes()).toHaveLength(before + 1);
    const done = (await h.itemOf(complaintId, TOPIC[call]))!;
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    // Found in LAPOR by the delivery's own check, or linked first by the new worker's poll.
    expect(["found_in_lapor", "already_linked"]).toContain(done.result?.via);
    if (call === "create") expect((await h.t.db.select().from(complaints).where(eq(complaints.id, complaintId)))[0]!.laporId).toBe(String(writes().at(-1)!.complaintId));
  });
});
