import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaintEvents, complaints, outbox } from "@/db/schema";
import { countRows, testDatabases, type TestDatabase } from "@/test/databases";
import { wib } from "@/test/fixtures";
import { insertComplaintWithEvent, type FirstEventRow, type NewComplaintRow } from "./intake";

const NOW = wib("2026-03-02 10:00");
const row = (trackingCode: string): NewComplaintRow => ({
  trackingCode,
  channel: "web",
  title: "Lampu jalan mati",
  body: "Lampu jalan di depan masjid mati sejak seminggu.",
  categoryId: null,
  kecamatanId: null,
  kelurahanId: null,
  address: null,
  lat: null,
  lon: null,
  incidentDate: null,
  reporterName: null,
  reporterPhone: null,
  reporterEmail: null,
  reporterNik: null,
  anonymous: false,
  confidential: false,
  status: "received",
  suggestedOpdId: null,
  suggestedExternalId: null,
  accessKeyHash: "0".repeat(64),
  verificationDue: wib("2026-03-05 10:00"),
  verificationRiskAt: wib("2026-03-04 20:24"),
  laporId: null,
  laporTrackingId: null,
  createdAt: NOW,
  updatedAt: NOW,
});
const event: FirstEventRow = { at: NOW, action: "submit", actorUserId: null, actorRole: "citizen", fromStatus: null, toStatus: "received", channel: "web", data: { route: "category", attachments: 0 } };

describe.each(testDatabases())("the one-statement intake insert on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t?.dispose());

  it("writes the complaint, its submit event, its LAPOR outbox row and its duplicate check, with every value as given", async () => {
    const before = await countRows(t.db);
    const inserted = await insertComplaintWithEvent(t.db, row("BTM-TEST0001"), event, true);
    expect(inserted).toMatchObject({ trackingCode: "BTM-TEST0001" });
    expect(await countRows(t.db)).toEqual({ ...before, complaints: before.complaints + 1, events: before.events + 1, outbox: before.outbox + 2 });
    const [c] = await t.db.select().from(complaints).where(eq(complaints.id, inserted!.id));
    expect(c).toMatchObject({ status: "received", anonymous: false, title: "Lampu jalan mati", categoryId: null });
    expect(c!.verificationDue!.toISOString()).toBe(wib("2026-03-05 10:00").toISOString());
    const [e] = await t.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, inserted!.id));
    expect(e).toMatchObject({ action: "submit", toStatus: "received", fromStatus: null, actorUserId: null, data: { route: "category", attachments: 0 } });
    expect(e!.at.toISOString()).toBe(NOW.toISOString());
    const queued = await t.db.select().from(outbox).where(eq(outbox.complaintId, inserted!.id)).orderBy(outbox.topic);
    expect(queued).toMatchObject([
      { topic: "duplicates.flag", status: "pending", payload: { complaintId: inserted!.id }, dedupeKey: `duplicates.flag:${inserted!.id}` },
      { topic: "lapor.create_complaint", status: "pending", payload: { complaintId: inserted!.id }, dedupeKey: `lapor.create_complaint:${inserted!.id}` },
    ]);
    for (const o of queued) expect(o.nextAttemptAt.toISOString()).toBe(NOW.toISOString());
  });

  it("writes nothing at all when the tracking code is taken, so the caller can draw again", async () => {
    await insertComplaintWithEvent(t.db, row("BTM-TEST0002"), event, true);
    const before = await countRows(t.db);
    expect(await insertComplaintWithEvent(t.db, { ...row("BTM-TEST0002"), title: "Another" }, event, true)).toBeNull();
    expect(await countRows(t.db)).toEqual(before);
  });

  it("writes no LAPOR outbox row for a complaint that came from LAPOR (only its duplicate check)", async () => {
    const before = await countRows(t.db);
    const inserted = await insertComplaintWithEvent(t.db, { ...row("BTM-TEST0003"), channel: "lapor", laporId: "L-1" }, { ...event, channel: "lapor" }, false);
    expect(await countRows(t.db)).toEqual({ ...before, complaints: before.complaints + 1, events: before.events + 1, outbox: before.outbox + 1 });
    expect((await t.db.select().from(outbox).where(eq(outbox.complaintId, inserted!.id))).map((o) => o.topic)).toEqual(["duplicates.flag"]);
  });
});
