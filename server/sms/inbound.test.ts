import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaints, users } from "@/db/schema";
import { listPublicEvents } from "@/db/queries/complaints";
import { complaintEventLog } from "@/db/queries/staff-complaints";
import { smsMessages } from "@/db/schema-sms";
import { countRows, testDatabases, type TestDatabase } from "@/test/databases";
import { gsm7Length, isGsm7Char } from "@/domain/sms";
import { validComplaint } from "@/test/fixtures";
import { intakeComplaint } from "@/server/intake";
import { reference } from "@/server/reference";
import { performAction } from "@/server/workflow/perform";
import { smsInboundResponse } from "./http";
import { handleInboundSms } from "./inbound";

// Read by env() on first use, which comes after these lines run.
const KEY = "kunci-gateway-uji-0123456789";
process.env.SMS_INBOUND_KEY = KEY;
process.env.SMS_PER_SENDER_PER_HOUR = "5";

let seq = 0;
/** A fresh sender per test, so rate limits and 24-hour links never cross tests. */
const newSender = () => `0812${String(7_000_000 + ++seq * 97 + Math.floor(Math.random() * 90)).padStart(7, "0")}`;
const e164 = (local: string) => `+62${local.slice(1)}`;
const base = "http://pintu.test/api/sms/inbound";

function get(params: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`${base}?${new URLSearchParams(params)}`, { headers });
}
function post(params: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(base, { method: "POST", body: new URLSearchParams(params), headers });
}

describe.each(testDatabases())("inbound SMS on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t?.dispose());

  const send = async (req: Request) => {
    const res = await smsInboundResponse(req, t.db);
    return { status: res.status, type: res.headers.get("content-type"), reply: await res.text() };
  };
  const sms = (from: string, text: string, extra: Record<string, string> = {}) => send(get({ key: KEY, from, to: "1708", text, ...extra }));
  const smsRows = () => t.db.select({ n: count() }).from(smsMessages).then((r) => r[0]!.n);
  const codeIn = (reply: string) => /BTM-[0-9A-Z]{8}/.exec(reply)?.[0];
  const expectOneSms = (reply: string) => {
    expect(gsm7Length(reply)).toBeLessThanOrEqual(160);
    expect([...reply].every(isGsm7Char)).toBe(true);
  };

  it("turns `BTM <text>` into an SMS complaint from the normalised sender and replies with its code in one GSM-7 message", async () => {
    const from = newSender();
    const text = "Lampu jalan mati 😡 di Jl. Raja Haji Fisabilillah sejak “tiga” hari – gelap sekali";
    const r = await sms(from, `btm   ${text}`, { id: `kannel-${from}` });
    expect(r).toMatchObject({ status: 200, type: "text/plain; charset=utf-8" });
    expectOneSms(r.reply);
    const code = codeIn(r.reply)!;
    expect(r.reply).toContain(`BTM CEK ${code}`);
    const [c] = await t.db.select().from(complaints).where(eq(complaints.trackingCode, code));
    expect(c).toMatchObject({ channel: "sms", reporterPhone: e164(from), body: text, status: "received", title: "Lampu jalan mati 😡 di Jl. Raja Haji Fisabilillah sejak “tiga” hari – gelap…" });
    const [m] = await t.db.select().from(smsMessages).where(eq(smsMessages.gatewayId, `kannel-${from}`));
    expect(m).toMatchObject({ kind: "complaint", complaintId: c!.id, sender: e164(from), recipient: "1708", reply: r.reply });
  });

  it("accepts a POSTed form and the key in the X-Api-Key header", async () => {
    const r = await send(post({ from: newSender(), text: "BTM Sampah menumpuk di pasar Jodoh sudah seminggu" }, { "x-api-key": KEY }));
    expect(r.status).toBe(200);
    expect(codeIn(r.reply)).toBeDefined();
  });

  it("refuses a wrong or missing key with 401 and stores nothing", async () => {
    const before = { ...(await countRows(t.db)), sms: await smsRows() };
    const from = newSender();
    for (const req of [
      get({ from, text: "BTM Jalan rusak parah di depan sekolah dasar" }),
      get({ key: "salah", from, text: "BTM Jalan rusak parah di depan sekolah dasar" }),
      get({ key: `${KEY}x`, from, text: "BTM Jalan rusak parah di depan sekolah dasar" }),
      post({ from, text: "BTM Jalan rusak parah di depan sekolah dasar" }, { "x-api-key": "salah" }),
    ]) {
      expect((await send(req)).status).toBe(401);
    }
    expect({ ...(await countRows(t.db)), sms: await smsRows() }).toEqual(before);
  });

  it("answers a repeated gateway id again without storing it twice", async () => {
    const from = newSender();
    const params = { id: `dup-${from}`, from, text: "BTM Air PDAM tidak mengalir di Tiban sejak kemarin pagi" };
    const first = await sms(from, params.text, { id: params.id });
    const before = { ...(await countRows(t.db)), sms: await smsRows() };
    const again = await Promise.all([sms(from, params.text, { id: params.id }), sms(from, params.text, { id: params.id })]);
    expect(again.map((r) => r.reply)).toEqual([first.reply, first.reply]);
    expect({ ...(await countRows(t.db)), sms: await smsRows() }).toEqual(before);
  });

  it("stores concurrent first deliveries of one gateway id once", async () => {
    const from = newSender();
    const text = "BTM Drainase tersumbat di Sekupang, air meluap ke rumah warga";
    const before = await countRows(t.db);
    const results = await Promise.all([1, 2, 3].map(() => sms(from, text, { id: `race-${from}` })));
    expect(new Set(results.map((r) => r.reply)).size).toBe(1);
    expect((await countRows(t.db)).complaints).toBe(before.complaints + 1);
    expect((await t.db.select().from(smsMessages).where(eq(smsMessages.gatewayId, `race-${from}`))).length).toBe(1);
  });

  it("answers `BTM CEK <code>` with the status and the responsible OPD, whatever case or prefix", async () => {
    const from = newSender();
    const code = codeIn((await sms(from, "BTM KTP elektronik belum jadi setelah tiga bulan menunggu")).reply)!;
    expect((await sms(from, `BTM CEK ${code}`)).reply).toBe(`${code}: Diterima.`);
    const [u] = await t.db.insert(users).values({ email: `koordinator-${from}@pintu.test`, name: "Koordinator Uji", passwordHash: "x", role: "coordinator" }).returning({ id: users.id });
    await performAction(t.db, { trackingCode: code, action: "dispose", party: { kind: "staff", userId: u!.id, role: "coordinator", opdId: null }, input: { opdCode: "DISDUKCAPIL" }, now: new Date() });
    const r = await sms(from, `btm cek ${code.toLowerCase().replace("btm-", "")}`);
    expect(r.reply).toBe(`${code}: Diteruskan ke instansi. OPD: Dinas Kependudukan dan Pencatatan Sipil.`);
    expectOneSms(r.reply);
    expect((await sms(from, "BTM CEK BTM-ZZZZZZZZ")).reply).toMatch(/^Nomor aduan tidak dikenal/);
    expect((await sms(from, "BTM CEK")).reply).toMatch(/^Untuk cek status kirim: BTM CEK/);
  });

  it("keeps anything else for the coordinator and answers with a one-line hint", async () => {
    const from = newSender();
    const r = await sms(from, "Selamat pagi pak, jalan di depan rumah saya rusak");
    expect(r.reply).toMatch(/^Pesan diterima\. Untuk mengadu kirim: BTM \(isi aduan\)/);
    expect(r.reply).not.toContain("\n");
    const [m] = await t.db.select().from(smsMessages).where(eq(smsMessages.sender, e164(from)));
    expect(m).toMatchObject({ kind: "unparsed", complaintId: null, resolvedAt: null, text: "Selamat pagi pak, jalan di depan rumah saya rusak" });
  });

  it("refuses a sender over the hourly limit politely and creates nothing", async () => {
    const from = newSender();
    for (let i = 0; i < 5; i++) expect(codeIn((await sms(from, `BTM Laporan nomor ${i} tentang jalan rusak di Bengkong`)).reply)).toBeDefined();
    const before = { ...(await countRows(t.db)), sms: await smsRows() };
    const r = await sms(from, "BTM Laporan keenam tentang jalan rusak di Bengkong");
    expect(r).toMatchObject({ status: 200, reply: expect.stringMatching(/^Maaf, Anda sudah mengirim banyak pesan/) });
    expect({ ...(await countRows(t.db)), sms: await smsRows() }).toEqual(before);
    // Another number is not affected.
    expect(codeIn((await sms(newSender(), "BTM Laporan dari nomor lain tentang jalan rusak")).reply)).toBeDefined();
  });

  it("handles bad input clearly and stores only what a coordinator could use", async () => {
    const before = { ...(await countRows(t.db)), sms: await smsRows() };
    const missingFrom = await send(get({ key: KEY, text: "BTM Jalan rusak parah di depan sekolah dasar" }));
    expect(missingFrom).toMatchObject({ status: 400, reply: "Missing 'from' (the sender's number)" });
    const from = newSender();
    expect((await sms(from, "   ")).reply).toMatch(/^Pesan kosong/);
    expect((await send(get({ key: KEY, from }))).reply).toMatch(/^Pesan kosong/);
    expect((await sms(from, "BTM Jalan rusak", { coding: "1" })).reply).toMatch(/^Pesan tidak dapat dibaca/);
    expect((await sms(from, "BTM Jalan rusak", { udh: "\x05\x00\x03\x01\x02\x01" })).reply).toMatch(/^Pesan tidak dapat dibaca/);
    expect((await sms(from, "\x00\x01\x02binary")).reply).toMatch(/^Pesan tidak dapat dibaca/);
    expect({ ...(await countRows(t.db)), sms: await smsRows() }).toEqual(before);

    expect((await sms(from, "BTM")).reply).toMatch(/^Tulis aduan Anda setelah BTM/);
    const short = await sms(from, "BTM jalan rusak");
    expect(short.reply).toMatch(/^Aduan terlalu singkat/);
    expectOneSms(short.reply);
    const kinds = await t.db.select({ kind: smsMessages.kind, text: smsMessages.text }).from(smsMessages).where(eq(smsMessages.sender, e164(from)));
    expect(kinds).toEqual([
      { kind: "prefix_only", text: "BTM" },
      { kind: "invalid", text: "BTM jalan rusak" },
    ]);
    expect((await countRows(t.db)).complaints).toBe(before.complaints);
  });

  it("takes a 1,000-character text whole as the body, with its first words as the title", async () => {
    const from = newSender();
    const text = `Jalan utama menuju pelabuhan Sekupang rusak parah dan berlubang. ${"Kendaraan sering terperosok saat hujan. ".repeat(30)}`.slice(0, 1000).trim();
    const r = await sms(from, `BTM ${text}`);
    const [c] = await t.db.select().from(complaints).where(eq(complaints.trackingCode, codeIn(r.reply)!));
    expect(c!.body).toBe(text);
    expect(c!.title).toBe("Jalan utama menuju pelabuhan Sekupang rusak parah dan berlubang. Kendaraan…");
    expect(c!.title.length).toBeLessThanOrEqual(80);
  });

  it("reads Latin-1 text as a gateway may send it", async () => {
    const from = newSender();
    const res = await send(new Request(`${base}?key=${KEY}&from=${from}&text=Caf%E9+di+Nagoya+buang+sampah+sembarangan`));
    expect(res.status).toBe(200);
    const [m] = await t.db.select().from(smsMessages).where(eq(smsMessages.sender, e164(from)));
    expect(m!.text).toBe("Café di Nagoya buang sampah sembarangan");
  });

  it("links an SMS with the same text as the sender's open web complaint of the last 24 hours", async () => {
    const from = newSender();
    const ref = await reference(t.db);
    const now = new Date();
    const web = await intakeComplaint(t.db, { raw: validComplaint({ reporterPhone: from, body: "Lampu penerangan jalan di Jl. Ahmad Yani mati semua sejak Senin." }), channel: "web", region: "BTM", now, ref });
    const opts = { region: "BTM", perSenderPerHour: 0, now: new Date(now.getTime() + 60_000), ref };
    const before = await countRows(t.db);
    const linked = await handleInboundSms(t.db, { from, to: "1708", text: "BTM lampu penerangan jalan di jl ahmad yani mati semua sejak senin", gatewayId: null, binary: false }, opts);
    expect(linked).toMatchObject({ outcome: "linked", trackingCode: web.trackingCode });
    expect(linked.reply).toBe(`Aduan yang sama sudah tercatat dengan nomor ${web.trackingCode}. Cek status: kirim BTM CEK ${web.trackingCode}.`);
    expect(await countRows(t.db)).toEqual({ ...before, events: before.events + 1 });
    // One event on the existing complaint, in the staff log: the reporter wrote again by SMS. No
    // number or other identity in it (OPD staff read this log, also for anonymous reporters), and
    // not on the public timeline.
    const log = await complaintEventLog(t.db, web.complaintId!);
    const event = log.find((e) => e.action === "sms_linked");
    expect(event).toMatchObject({ actorRole: "reporter", actorName: null, channel: "sms", fromStatus: "received", toStatus: "received", data: null, reason: null, publicMessage: null });
    expect(JSON.stringify(log)).not.toContain(from.slice(1));
    expect((await listPublicEvents(t.db, web.complaintId!)).map((e) => e.action)).toEqual(["submit"]);
    // A redelivery of the same gateway message adds nothing more.
    const id = `link-${from}`;
    await handleInboundSms(t.db, { from, to: "1708", text: "BTM Lampu penerangan jalan di Jl. Ahmad Yani mati semua sejak Senin", gatewayId: id, binary: false }, opts);
    const once = await countRows(t.db);
    expect((await handleInboundSms(t.db, { from, to: "1708", text: "BTM Lampu penerangan jalan di Jl. Ahmad Yani mati semua sejak Senin", gatewayId: id, binary: false }, opts)).outcome).toBe("replayed");
    expect(await countRows(t.db)).toEqual(once);
    expect(once.events).toBe(before.events + 2);

    // Another text, or the same text a day later, is a new case.
    const other = await handleInboundSms(t.db, { from, to: null, text: "BTM Trotoar di Jl. Ahmad Yani rusak dan membahayakan", gatewayId: null, binary: false }, opts);
    expect(other.outcome).toBe("complaint");
    const later = { ...opts, now: new Date(now.getTime() + 25 * 3_600_000) };
    const late = await handleInboundSms(t.db, { from, to: null, text: "BTM Lampu penerangan jalan di Jl. Ahmad Yani mati semua sejak Senin.", gatewayId: null, binary: false }, later);
    expect(late.outcome).toBe("complaint");
  });
});
