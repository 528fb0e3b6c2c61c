import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rejection } from "@/test/fixtures";
import { attachments, complaintEvents, complaints } from "./schema";
import { testDatabases, type TestDatabase } from "@/test/databases";

describe.each(testDatabases())("the audit trail on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t?.dispose());

  /** A complaint with one event and one attachment, written straight to the tables. */
  async function complaintWithHistory() {
    const [c] = await t.db
      .insert(complaints)
      .values({ trackingCode: `BTM-${randomUUID().slice(0, 8)}`, channel: "web", title: "Judul aduan", body: "Isi aduan yang cukup panjang.", accessKeyHash: "x" })
      .returning();
    const [e] = await t.db
      .insert(complaintEvents)
      .values({ complaintId: c!.id, action: "submit", actorRole: "citizen", toStatus: "received", reason: "asli" })
      .returning();
    const [a] = await t.db
      .insert(attachments)
      .values({ complaintId: c!.id, fileName: "a.png", mime: "image/png", size: 3, sha256: "h", content: new Uint8Array([1, 2, 3]) })
      .returning();
    return { complaint: c!, event: e!, attachment: a! };
  }

  const eventsOf = (complaintId: number) => t.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, complaintId));

  it("rejects UPDATE of an event and leaves it as it was", async () => {
    const { complaint, event } = await complaintWithHistory();
    const error = await rejection(t.db.update(complaintEvents).set({ reason: "diubah" }).where(eq(complaintEvents.id, event.id)));
    expect(String(error.message) + String((error as { cause?: Error }).cause?.message)).toMatch(/append-only/);
    expect((await eventsOf(complaint.id))[0]!.reason).toBe("asli");
  });

  it("rejects DELETE of an event", async () => {
    const { complaint, event } = await complaintWithHistory();
    await rejection(t.db.delete(complaintEvents).where(eq(complaintEvents.id, event.id)));
    expect(await eventsOf(complaint.id)).toHaveLength(1);
  });

  it("rejects TRUNCATE of the event table", async () => {
    const { complaint } = await complaintWithHistory();
    await rejection(t.db.execute(sql`truncate complaint_events`));
    expect(await eventsOf(complaint.id)).toHaveLength(1);
  });

  it("still accepts new events (append)", async () => {
    const { complaint } = await complaintWithHistory();
    await t.db.insert(complaintEvents).values({ complaintId: complaint.id, action: "dispose", actorRole: "coordinator", fromStatus: "received", toStatus: "disposed" });
    expect(await eventsOf(complaint.id)).toHaveLength(2);
  });

  it("rejects DELETE of a complaint", async () => {
    const { complaint } = await complaintWithHistory();
    await rejection(t.db.delete(complaints).where(eq(complaints.id, complaint.id)));
    expect(await t.db.select().from(complaints).where(eq(complaints.id, complaint.id))).toHaveLength(1);
  });

  it("rejects DELETE of an attachment", async () => {
    const { attachment } = await complaintWithHistory();
    await rejection(t.db.delete(attachments).where(eq(attachments.id, attachment.id)));
    expect(await t.db.select().from(attachments).where(eq(attachments.id, attachment.id))).toHaveLength(1);
  });

  it("allows a complaint's status to change (archiving is a transition, not a deletion)", async () => {
    const { complaint } = await complaintWithHistory();
    await t.db.update(complaints).set({ status: "archived" }).where(eq(complaints.id, complaint.id));
    const [row] = await t.db.select().from(complaints).where(eq(complaints.id, complaint.id));
    expect(row!.status).toBe("archived");
  });

  it("keeps rejecting changes inside a transaction, which then rolls back as a whole", async () => {
    const { complaint, event } = await complaintWithHistory();
    await rejection(
      t.db.transaction(async (tx) => {
        await tx.update(complaints).set({ status: "closed" }).where(eq(complaints.id, complaint.id));
        await tx.delete(complaintEvents).where(eq(complaintEvents.id, event.id));
      }),
    );
    const [row] = await t.db.select().from(complaints).where(eq(complaints.id, complaint.id));
    expect(row!.status).toBe("received");
  });
});
