import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaintEvents, complaints, users } from "@/db/schema";
import { smsMessages } from "@/db/schema-sms";
import { countRows, testDatabases, type TestDatabase } from "@/test/databases";
import { gsm7Length } from "@/domain/sms";
import { validComplaint } from "@/test/fixtures";
import { intakeComplaint } from "@/server/intake";
import { reference, type Reference } from "@/server/reference";
import { performAction, type ActingParty } from "@/server/workflow/perform";
import { handleInboundSms } from "./inbound";

let seq = 0;
const newSender = () => `+62813${String(5_000_000 + ++seq * 131 + Math.floor(Math.random() * 100)).padStart(7, "0")}`;

describe.each(testDatabases())("an SMS reporter's reply on $name", (backend) => {
  let t: TestDatabase;
  let ref: Reference;
  let coordinator: ActingParty;
  let clock = new Date("2026-03-02T03:00:00Z"); // Monday 10:00 WIB
  const later = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000));
  beforeAll(async () => {
    t = await backend.open();
    ref = await reference(t.db);
    const [u] = await t.db.insert(users).values({ email: "koord-balas@pintu.test", name: "Koordinator", passwordHash: "x", role: "coordinator" }).returning({ id: users.id });
    coordinator = { kind: "staff", userId: u!.id, role: "coordinator", opdId: null };
  });
  afterAll(() => t?.dispose());

  const sms = (from: string, text: string) =>
    handleInboundSms(t.db, { from, to: "1708", text, gatewayId: null, binary: false }, { region: "BTM", perSenderPerHour: 0, now: later(5), ref });
  const row = async (id: number) => (await t.db.select().from(complaints).where(eq(complaints.id, id)))[0]!;
  const events = (id: number) => t.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, id)).orderBy(asc(complaintEvents.id));

  /** An SMS complaint from `from` that a coordinator asked more information about. */
  async function awaiting(from: string) {
    const filed = await sms(from, "BTM Jalan berlubang besar di Batu Aji membahayakan pengendara motor");
    await performAction(t.db, { complaintId: filed.complaintId!, action: "request_info", party: coordinator, input: { message: "Di jalan apa tepatnya, dan dekat bangunan apa?" }, now: later(30) });
    expect((await row(filed.complaintId!)).status).toBe("awaiting_reporter");
    return { id: filed.complaintId!, code: filed.trackingCode! };
  }

  it("records `BTM <code> <text>` from the complaint's own number as the reporter's reply: event, clocks resumed, status back", async () => {
    const from = newSender();
    const c = await awaiting(from);
    const before = await events(c.id);
    const r = await sms(from, `btm ${c.code.toLowerCase()} Jl. Sultan Hasanuddin, depan SDN 001 Batu Aji`);
    expect(r).toMatchObject({ status: 200, outcome: "reply", complaintId: c.id, trackingCode: c.code });
    expect(r.reply).toBe(`Terima kasih, keterangan Anda untuk aduan ${c.code} sudah diterima dan diteruskan ke petugas. Cek status: kirim BTM CEK ${c.code}`);
    expect(gsm7Length(r.reply)).toBeLessThanOrEqual(160);
    const after = await row(c.id);
    expect(after).toMatchObject({ status: "received", previousStatus: null, pausedAt: null });
    const added = (await events(c.id)).slice(before.length);
    expect(added.map((e) => e.action)).toEqual(["reporter_reply", "clock_resumed"]);
    expect(added[0]).toMatchObject({ actorRole: "reporter", actorUserId: null, channel: "sms", fromStatus: "awaiting_reporter", toStatus: "received", data: { message: "Jl. Sultan Hasanuddin, depan SDN 001 Batu Aji" } });
    // Nothing about the sender is written to the event.
    expect(JSON.stringify(added)).not.toContain(from.slice(3));
    const [m] = await t.db.select().from(smsMessages).where(and(eq(smsMessages.sender, from), eq(smsMessages.kind, "reply")));
    expect(m).toMatchObject({ complaintId: c.id, reply: r.reply });

    // A second answer finds nothing waiting for it.
    const again = await sms(from, `BTM ${c.code} satu lagi`);
    expect(again).toMatchObject({ outcome: "reply_refused" });
    expect(again.reply).toBe(`Aduan ${c.code} tidak sedang menunggu keterangan dari Anda. Cek status: kirim BTM CEK ${c.code}`);
    expect((await events(c.id)).length).toBe(before.length + 2);
  });

  it("refuses the same reply from another number, or to an unknown code, alike and politely, changing nothing", async () => {
    const from = newSender();
    const c = await awaiting(from);
    const before = await countRows(t.db);
    const stranger = await sms(newSender(), `BTM ${c.code} Lokasinya di depan kantor camat`);
    const unknown = await sms(from, "BTM BTM-ZZZZZZZZ Lokasinya di depan kantor camat");
    expect(stranger).toMatchObject({ status: 200, outcome: "reply_refused", complaintId: undefined });
    expect(stranger.reply).toBe(`Maaf, balasan tidak dapat dicatat: nomor aduan ${c.code} tidak dikenal atau aduan tidak dikirim dari nomor ini.`);
    expect(unknown.reply).toBe(stranger.reply.replace(c.code, "BTM-ZZZZZZZZ"));
    expect(await countRows(t.db)).toEqual(before);
    expect((await row(c.id)).status).toBe("awaiting_reporter");
  });

  it("does not take an SMS reply to a web complaint that gave the same number (the web reporter holds a key)", async () => {
    const from = newSender();
    const web = await intakeComplaint(t.db, { raw: validComplaint({ reporterPhone: from }), channel: "web", region: "BTM", now: later(1), ref });
    await performAction(t.db, { trackingCode: web.trackingCode, action: "request_info", party: coordinator, input: { message: "Mohon kirim foto lokasi yang lebih jelas." }, now: later(1) });
    expect((await sms(from, `BTM ${web.trackingCode} sudah saya kirim`)).outcome).toBe("reply_refused");
    expect((await t.db.select().from(complaints).where(eq(complaints.trackingCode, web.trackingCode)))[0]!.status).toBe("awaiting_reporter");
  });

  it("explains how to answer when the code comes without any text", async () => {
    const from = newSender();
    const c = await awaiting(from);
    const r = await sms(from, `BTM ${c.code}`);
    expect(r.reply).toBe(`Tulis keterangan Anda setelah nomor aduan, misalnya: BTM ${c.code} Lokasinya di depan SDN 1`);
    expect((await row(c.id)).status).toBe("awaiting_reporter");
  });
});
