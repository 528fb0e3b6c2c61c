import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { markEnteredManually } from "./lapor-ops";
import { auditLog, complaints, outbox, users } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { pollOnce } from "@/integrations/lapor/inbound";
import { startLaporSim, type LaporSim } from "@/lapor-sim/server";
import { validComplaint, testActor } from "@/test/fixtures";
import { ValidationError } from "@/lib/errors";
import { intakeComplaint } from "./intake";

/**
 * Manual mode, "create" items: the coordinator gives the tracking number LAPOR showed after
 * entering the complaint by hand; it is stored as an automatic create stores it, and the next poll
 * links LAPOR's complaint to Pintu's by it (no copy), even without Pintu's code in the text.
 */
describe.each(testDatabases())("LAPOR tracking numbers given in manual mode on $name", (backend) => {
  let t: TestDatabase;
  let sim: LaporSim;
  let userId: number;
  const cfg = () => ({ baseUrl: sim.url, apiKey: "k", token: "t", institutionId: "2171", timeoutMs: 5000 });
  const file = async () => {
    const r = await intakeComplaint(t.db, { raw: validComplaint(), channel: "walk_in", region: "BTM", now: new Date() });
    const [item] = await t.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.complaintId, r.complaintId!));
    return { id: item!.id, complaintId: r.complaintId!, trackingCode: r.trackingCode };
  };
  const mark = (ids: number[], trackingIds: Record<number, string>) => markEnteredManually(t.db, { ids, trackingIds, actor: testActor(userId), now: new Date() });
  const refused = async (p: Promise<unknown>) => {
    const err = await p.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).fieldErrors;
  };
  const statusOf = async (id: number) => (await t.db.select({ s: outbox.status }).from(outbox).where(eq(outbox.id, id)))[0]!.s;

  beforeAll(async () => {
    t = await backend.open();
    sim = await startLaporSim({ apiKey: "k", token: "t", institutionId: "2171" });
    const [u] = await t.db.insert(users).values({ email: "coord@x", name: "Koordinator", role: "coordinator", passwordHash: "x" }).returning();
    userId = u!.id;
  });
  afterAll(async () => {
    await sim?.close();
    await t?.dispose();
  });
  beforeEach(() => sim.store.reset());

  it("stores the tracking number like an automatic create, and the poll links LAPOR's complaint by it", async () => {
    const item = await file();
    // Typed into LAPOR by hand, without Pintu's code in the text.
    const inLapor = sim.store.createFromInstitution({ title: "Jalan rusak di depan pasar", content: "Jalan di depan pasar rusak parah dan berlubang besar." }, []);
    expect(await mark([], { [item.id]: `  ${inLapor.tracking_id} ` })).toEqual({ marked: [item.id], skipped: [], inDelivery: [] });
    const [c] = await t.db.select().from(complaints).where(eq(complaints.id, item.complaintId));
    expect(c).toMatchObject({ laporTrackingId: inLapor.tracking_id, laporId: null });
    const [row] = await t.db.select().from(outbox).where(eq(outbox.id, item.id));
    expect(row).toMatchObject({ status: "done", deliveredVia: "manual", result: { trackingId: inLapor.tracking_id, via: "manual", manual: { userId } } });
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "lapor.mark_entered"), eq(auditLog.complaintId, item.complaintId)));
    expect(audit!.data).toMatchObject({ items: [{ outboxId: item.id, trackingId: inLapor.tracking_id }] });

    const stats = await pollOnce({ db: t.db, cfg: cfg(), region: "BTM" }, null);
    expect(stats).toMatchObject({ linked: 1, created: 0, failed: 0 });
    const [linked] = await t.db.select().from(complaints).where(eq(complaints.id, item.complaintId));
    expect(linked!.laporId).toBe(String(inLapor.id));
    expect(sim.store.received.filter((r) => r.call === "create")).toHaveLength(0);
  });

  it("refuses a malformed number, one another complaint has, or one for an answer, writing nothing", async () => {
    const item = await file();
    expect(await refused(mark([item.id], { [item.id]: "LAPOR 12; drop" }))).toEqual({ [`tracking-${item.id}`]: ["trackingIdFormat"] });
    expect(await refused(mark([item.id], { [item.id]: "x".repeat(61) }))).toEqual({ [`tracking-${item.id}`]: ["trackingIdFormat"] });
    const other = await file();
    await mark([], { [other.id]: "LAPOR-4242" });
    expect(await refused(mark([item.id], { [item.id]: "LAPOR-4242" }))).toEqual({ [`tracking-${item.id}`]: ["trackingIdTaken"] });
    const [answer] = await t.db
      .insert(outbox)
      .values({ topic: "lapor.followup", complaintId: item.complaintId, payload: { eventId: 1 }, dedupeKey: `test-followup-${item.id}` })
      .returning({ id: outbox.id });
    expect(await refused(mark([item.id], { [answer!.id]: "LAPOR-5151" }))).toEqual({ [`tracking-${answer!.id}`]: ["trackingIdNotCreate"] });
    // Nothing of the refused requests was written: both items still wait.
    expect([await statusOf(item.id), await statusOf(answer!.id)]).toEqual(["pending", "pending"]);
    expect((await t.db.select().from(complaints).where(eq(complaints.id, item.complaintId)))[0]!.laporTrackingId).toBeNull();
  });
});
