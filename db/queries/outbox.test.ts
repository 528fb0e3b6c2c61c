import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { outboxRow, TOPIC_NAMES, TOPICS, type TopicName } from "@/domain/outbox-topics";
import { wib } from "@/test/fixtures";
import { insertComplaintWithEvent, type FirstEventRow, type NewComplaintRow } from "./intake";
import { enqueueMany, enqueueSql } from "./outbox";

const NOW = wib("2026-03-02 10:00");
const complaint = (trackingCode: string): NewComplaintRow => ({
  trackingCode, channel: "web", title: "Jalan berlubang", body: "Lubang besar di jalan utama.", categoryId: null, kecamatanId: null,
  kelurahanId: null, address: null, lat: null, lon: null, incidentDate: null, reporterName: null, reporterPhone: "081234567890",
  reporterEmail: "warga@example.id", reporterNik: null, anonymous: false, confidential: false, status: "received", suggestedOpdId: null,
  suggestedExternalId: null, accessKeyHash: "0".repeat(64), verificationDue: null, verificationRiskAt: null, laporId: null,
  laporTrackingId: null, createdAt: NOW, updatedAt: NOW,
});
const event: FirstEventRow = { at: NOW, action: "submit", actorUserId: null, actorRole: "citizen", fromStatus: null, toStatus: "received", channel: "web", data: {} };

/** Rows as stored, next to what `enqueue` would have stored for the same topic and payload. */
async function storedAndExpected(t: TestDatabase, complaintId: number) {
  const rows = await t.db.select({ topic: outbox.topic, complaintId: outbox.complaintId, payload: outbox.payload, dedupeKey: outbox.dedupeKey }).from(outbox).where(eq(outbox.complaintId, complaintId));
  return rows.map((r) => ({ stored: r, expected: { ...outboxRow(r.topic as TopicName, r.complaintId, r.payload), complaintId: r.complaintId } }));
}

describe.each(testDatabases())("the outbox's ways in on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t?.dispose());

  it("writes from SQL exactly the rows enqueue would write: topic, payload and dedupe key from the topic table", async () => {
    const c = await insertComplaintWithEvent(t.db, complaint("BTM-OUTBOX01"), event, true, ["sms", "email"]);
    // Topics the intake does not queue, over a relation like the SLA sweep's.
    await t.db.execute(
      sql.raw(
        enqueueSql([
          { topic: "notify.staff", from: `(values (${c!.id}::bigint, 9001, now())) as n(complaint_id, id, created_at)`, complaintId: "complaint_id", payload: { notificationId: "id" }, at: "created_at" },
          { topic: "sms.reporter_link", from: `(values (${c!.id}::bigint, now())) as n(id, created_at)`, complaintId: "id", payload: { reason: "'request'::text" }, at: "created_at" },
        ]),
      ),
    );
    const rows = await storedAndExpected(t, c!.id);
    expect(rows.map((r) => r.stored.topic).sort()).toEqual(["duplicates.flag", "email.reporter_link", "lapor.create_complaint", "notify.staff", "sms.reporter_link", "sms.reporter_link"]);
    for (const r of rows) expect(r.stored).toEqual(r.expected);
    // Every topic with SQL text was just written by it: a new one needs a case here.
    const written = new Set(rows.map((r) => r.stored.topic));
    expect(TOPIC_NAMES.filter((n) => TOPICS[n].keySql && !written.has(n))).toEqual([]);
  });

  it("queues a batch in one statement, skips a key already queued and refuses a payload that does not fit its topic", async () => {
    const c = await insertComplaintWithEvent(t.db, complaint("BTM-OUTBOX02"), event, false);
    const rows = [1, 2].map((n) => ({ topic: "notify.reporter" as const, complaintId: c!.id, payload: { event: "closed" as const, eventId: 7000 + n } }));
    expect(await enqueueMany(t.db, rows, NOW)).toBe(2);
    expect(await enqueueMany(t.db, [...rows, { topic: "notify.reporter", complaintId: c!.id, payload: { event: "closed", eventId: 7003 } }], NOW)).toBe(1);
    // Those three and the intake's duplicate check.
    const stored = await storedAndExpected(t, c!.id);
    expect(stored).toHaveLength(4);
    for (const r of stored) expect(r.stored).toEqual(r.expected);
    await expect(enqueueMany(t.db, [{ topic: "lapor.forward", complaintId: c!.id, payload: { eventId: 1 } as never }], NOW)).rejects.toThrow();
    expect(await storedAndExpected(t, c!.id)).toHaveLength(4);
  });
});
