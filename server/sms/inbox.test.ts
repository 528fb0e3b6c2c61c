import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smsInbox } from "@/db/queries/sms";
import { complaintEvents, complaints, users } from "@/db/schema";
import { smsMessages } from "@/db/schema-sms";
import { countRows, testDatabases, type TestDatabase } from "@/test/databases";
import { ValidationError } from "@/lib/errors";
import { reference } from "@/server/reference";
import { convertInboxMessage, dismissInboxMessage } from "./inbox";
import { handleInboundSms } from "./inbound";

describe.each(testDatabases())("the coordinator's SMS inbox on $name", (backend) => {
  let t: TestDatabase;
  let actor: { userId: number; role: string; address: string };
  beforeAll(async () => {
    t = await backend.open();
    const [u] = await t.db.insert(users).values({ email: "k@pintu.test", name: "K", passwordHash: "x", role: "coordinator" }).returning();
    actor = { userId: u!.id, role: "coordinator", address: "192.0.2.1" };
  });
  afterAll(() => t?.dispose());

  const keep = async (from: string, text: string) => {
    await handleInboundSms(t.db, { from, to: "1708", text, gatewayId: null, binary: false }, { region: "BTM", perSenderPerHour: 0, now: new Date(), ref: await reference(t.db) });
    const [m] = await t.db.select().from(smsMessages).where(eq(smsMessages.text, text));
    return m!;
  };

  it("lists unparsed and incomplete messages, and turns one into an SMS complaint from its sender exactly once", async () => {
    const m = await keep("081355501234", "Pak, sampah di Bengkong Laut belum diangkut seminggu");
    const short = await keep("081355501235", "BTM sampah numpuk");
    const listed = (await smsInbox(t.db, 0, 50)).map((r) => r.id);
    expect(listed).toEqual(expect.arrayContaining([m.id, short.id]));

    const { trackingCode } = await convertInboxMessage(t.db, { id: m.id, title: "Sampah belum diangkut", body: m.text, actor, region: "BTM", now: new Date() });
    const [c] = await t.db.select().from(complaints).where(eq(complaints.trackingCode, trackingCode));
    expect(c).toMatchObject({ channel: "sms", reporterPhone: "+6281355501234", title: "Sampah belum diangkut" });
    const [ev] = await t.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, c!.id));
    expect(ev).toMatchObject({ action: "submit", actorUserId: actor.userId, actorRole: "coordinator" });
    const [after] = await t.db.select().from(smsMessages).where(eq(smsMessages.id, m.id));
    expect(after).toMatchObject({ resolution: "converted", complaintId: c!.id, resolvedBy: actor.userId });
    expect((await smsInbox(t.db, 0, 50)).map((r) => r.id)).not.toContain(m.id);

    // A second submit of the same form finds nothing to convert and creates nothing.
    const before = await countRows(t.db);
    await expect(convertInboxMessage(t.db, { id: m.id, title: "Sampah belum diangkut", body: m.text, actor, region: "BTM", now: new Date() })).rejects.toMatchObject({ status: 404 });
    expect(await countRows(t.db)).toEqual(before);
  });

  it("refuses a conversion the intake refuses, leaving the message in the inbox", async () => {
    const m = await keep("081355501236", "BTM air mati");
    const before = await countRows(t.db);
    await expect(convertInboxMessage(t.db, { id: m.id, title: "Air", body: "air mati", actor, region: "BTM", now: new Date() })).rejects.toBeInstanceOf(ValidationError);
    expect(await countRows(t.db)).toEqual(before);
    expect((await smsInbox(t.db, 0, 50)).map((r) => r.id)).toContain(m.id);
  });

  it("sets a message aside without deleting it", async () => {
    const m = await keep("081355501237", "Terima kasih atas bantuannya pak");
    await dismissInboxMessage(t.db, { id: m.id, actor, now: new Date() });
    expect((await smsInbox(t.db, 0, 50)).map((r) => r.id)).not.toContain(m.id);
    const [after] = await t.db.select().from(smsMessages).where(eq(smsMessages.id, m.id));
    expect(after).toMatchObject({ resolution: "dismissed", text: "Terima kasih atas bantuannya pak" });
    // Messages that were answered (complaints, status queries) never enter the inbox.
    await expect(dismissInboxMessage(t.db, { id: m.id, actor, now: new Date() })).rejects.toMatchObject({ status: 404 });
  });
});
