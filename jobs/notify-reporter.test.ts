import { createServer, type Server } from "node:http";
import { and, eq, like } from "drizzle-orm";
import type { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelHalts } from "@/db/schema-worker";
import { complaints, outbox, users } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { gsm7Length } from "@/domain/sms";
import { validComplaint } from "@/test/fixtures";
import { readMail, startSmtp } from "@/test/mail";
import { intakeComplaint } from "@/server/intake";
import { reference } from "@/server/reference";
import { handleInboundSms } from "@/server/sms/inbound";
import { performAction, type ActingParty } from "@/server/workflow/perform";
import "./notify-reporter";
import { drainOnce } from "@/queue/run";

// A fake SMS gateway (Kannel sendsms style) and a real SMTP server, on ports of this checkout's range.
const GATEWAY_PORT = 3651;
const SMTP_PORT = 3652;
process.env.SMS_OUTBOUND_URL = `http://127.0.0.1:${GATEWAY_PORT}/cgi-bin/sendsms?username=pintu&password=rahasia&to={to}&text={text}`;
process.env.SMTP_URL = `smtp://127.0.0.1:${SMTP_PORT}`;
process.env.SMTP_FROM = "Pintu Batam <no-reply@pintu.test>";
process.env.PUBLIC_BASE_URL = "https://pintu.batam.test";

const sent: { to: string; text: string }[] = [];
const mails: { to: string; raw: string }[] = [];
let gatewayAnswers: number[] = [];
let gateway: Server;
let smtp: SMTPServer;
const logLines: string[] = [];
const quiet = { log: (msg: string, fields?: Record<string, unknown>) => void logLines.push(JSON.stringify({ msg, ...fields })), backoffMs: 10, maxAttempts: 3 };
const TOPICS = ["notify.reporter", "sms.notify", "email.notify"];

beforeAll(async () => {
  gateway = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const status = gatewayAnswers.shift() ?? 202;
    if (status === 202) sent.push({ to: url.searchParams.get("to") ?? "", text: url.searchParams.get("text") ?? "" });
    res.writeHead(status, { "content-type": "text/plain" }).end(status === 202 ? "0: Accepted for delivery" : "nope");
  });
  await new Promise<void>((r) => gateway.listen(GATEWAY_PORT, "127.0.0.1", r));
  smtp = await startSmtp(SMTP_PORT, (to, raw) => mails.push({ to, raw: raw.replace(/=\r?\n/g, "") }));
});
afterAll(async () => {
  await new Promise((r) => gateway.close(r));
  await new Promise<void>((r) => smtp.close(() => r()));
});

describe.each(testDatabases())("reporter notifications on $name", (backend) => {
  let t: TestDatabase;
  let coordinator: ActingParty;
  let officer: ActingParty;
  beforeAll(async () => {
    t = await backend.open();
    const [c] = await t.db.insert(users).values({ email: `k-${backend.name}@pintu.test`, name: "Koordinator", passwordHash: "x", role: "coordinator" }).returning();
    const opdId = (await reference(t.db)).opds.find((o) => o.code === "DISDUKCAPIL")!.id;
    const [o] = await t.db.insert(users).values({ email: `o-${backend.name}@pintu.test`, name: "Petugas", passwordHash: "x", role: "opd_officer", opdId }).returning();
    coordinator = { kind: "staff", userId: c!.id, role: "coordinator", opdId: null };
    officer = { kind: "staff", userId: o!.id, role: "opd_officer", opdId };
  });
  afterAll(() => t?.dispose());

  const act = (code: string, action: Parameters<typeof performAction>[1]["action"], party: ActingParty, input: Record<string, unknown> = {}) =>
    performAction(t.db, { trackingCode: code, action, party, input, now: new Date() });
  const drain = () => drainOnce(t.db, { ...quiet, topics: TOPICS });
  const smsComplaint = async (phone: string, text: string) => {
    const r = await handleInboundSms(t.db, { from: phone, to: "1708", text: `BTM ${text}`, gatewayId: null, binary: false }, { region: "BTM", perSenderPerHour: 0, now: new Date(), ref: await reference(t.db) });
    return r.trackingCode!;
  };

  it("tells an SMS reporter by SMS and an e-mail reporter by e-mail, once per event", async () => {
    sent.length = 0;
    mails.length = 0;
    const code = await smsComplaint("081377001122", "KTP elektronik saya belum jadi setelah tiga bulan menunggu");
    const web = await intakeComplaint(t.db, { raw: validComplaint({ reporterEmail: "warga@contoh.id", reporterPhone: "081377009999" }), channel: "web", region: "BTM", now: new Date() });
    await act(code, "dispose", coordinator, { opdCode: "DISDUKCAPIL" });
    await act(web.trackingCode, "dispose", coordinator, { opdCode: "DISDUKCAPIL" });
    await drain();
    expect(sent).toEqual([{ to: "+6281377001122", text: `Aduan ${code} diteruskan ke Dinas Kependudukan dan Pencatatan Sipil. Cek status: kirim BTM CEK ${code}` }]);
    // The web reporter gave a phone too, but used the web: told by e-mail only.
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toBe("warga@contoh.id");
    // Its own subject and a fuller body than the SMS: Bahasa Indonesia, then English.
    const mail = readMail(mails[0]!.raw);
    expect(mail.subject).toBe(`Aduan ${web.trackingCode} diteruskan ke instansi yang berwenang / Complaint ${web.trackingCode} passed to the responsible agency`);
    expect(mail.body).toContain(
      [
        "Yth. Pelapor,",
        "",
        `Aduan Anda dengan nomor ${web.trackingCode} telah diverifikasi dan diteruskan ke Dinas Kependudukan dan Pencatatan Sipil untuk ditindaklanjuti.`,
        "",
        `Nomor aduan: ${web.trackingCode}`,
        "Status: Diteruskan ke instansi",
        "Instansi: Dinas Kependudukan dan Pencatatan Sipil",
        "",
        "Anda akan diberi tahu lagi ketika instansi menjawab.",
        "",
        `Lacak aduan Anda: https://pintu.batam.test/lacak/${web.trackingCode}`,
      ].join("\n"),
    );
    expect(mail.body).toContain(`Dear reporter,\n\nYour complaint number ${web.trackingCode} was verified and passed to Dinas Kependudukan dan Pencatatan Sipil to act on.`);
    expect(mail.body).toContain(`Track your complaint: https://pintu.batam.test/lacak/${web.trackingCode}`);
    expect(mail.body).toMatch(/Email ini dikirim otomatis oleh Pintu\. Mohon tidak membalas email ini\.\nThis e-mail was sent automatically by Pintu/);
    expect(mail.body).not.toContain("Cek status: kirim BTM CEK");

    // A second drain, and a redelivered fan-out (at-least-once), send nothing more.
    await t.db.update(outbox).set({ status: "pending", nextAttemptAt: new Date(0) }).where(and(eq(outbox.topic, "notify.reporter"), like(outbox.dedupeKey, "notify.reporter:%")));
    await drain();
    expect(sent).toHaveLength(1);
    expect(mails).toHaveLength(1);

    await act(code, "accept", officer);
    await act(code, "respond", officer, { message: "KTP Anda sudah dicetak dan dapat diambil di kantor kecamatan mulai besok pagi pukul 08.00 WIB, bawa bukti pengajuan." });
    await drain();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.text).toMatch(new RegExp(`^Aduan ${code} dijawab: KTP Anda sudah dicetak`));
    expect(gsm7Length(sent[1]!.text)).toBeLessThanOrEqual(160);
  });

  it("asks an SMS reporter for information in one SMS that says how to answer, whatever the length of the question", async () => {
    sent.length = 0;
    const phone = "081377004455";
    const code = await smsComplaint(phone, "Pohon tumbang menutup jalan di Sekupang sejak tadi malam");
    const question = `Mohon sebutkan nama jalan dan patokan terdekat, ${"serta apakah ada kabel listrik yang ikut putus ".repeat(4)}`;
    await act(code, "request_info", coordinator, { message: question });
    await drain();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toMatch(new RegExp(`^Aduan ${code} perlu keterangan: Mohon sebutkan nama jalan .*\\.\\.\\. Balas: kirim BTM ${code} \\(keterangan Anda\\)$`));
    expect(gsm7Length(sent[0]!.text)).toBeLessThanOrEqual(160);
    // Answered as the SMS says, from the same number: the complaint goes on.
    const answer = await handleInboundSms(t.db, { from: phone, to: "1708", text: `BTM ${code} Jl. Gajah Mada dekat Masjid Agung, kabel aman`, gatewayId: null, binary: false }, { region: "BTM", perSenderPerHour: 0, now: new Date(), ref: await reference(t.db) });
    expect(answer.outcome).toBe("reply");
    expect((await t.db.select({ status: complaints.status }).from(complaints).where(eq(complaints.trackingCode, code)))[0]!.status).toBe("received");
  });

  it("e-mails the whole staff question, with what to do next, where the SMS would cut it", async () => {
    mails.length = 0;
    const web = await intakeComplaint(t.db, { raw: validComplaint({ reporterEmail: "tanya@contoh.id" }), channel: "web", region: "BTM", now: new Date() });
    const question = `Mohon sebutkan alamat lengkap, nama jalan dan patokan terdekat. ${"Apakah kerusakan ini sudah pernah dilaporkan ke kelurahan sebelumnya? ".repeat(3)}Terima kasih — ${"é".repeat(2)}.`;
    await act(web.trackingCode, "request_info", coordinator, { message: question });
    await drain();
    expect(mails).toHaveLength(1);
    const mail = readMail(mails[0]!.raw);
    expect(mail.subject).toBe(`Aduan ${web.trackingCode}: petugas memerlukan keterangan Anda / Complaint ${web.trackingCode}: staff need information from you`);
    expect(mail.body).toContain(`Pertanyaan petugas:\n${question}\n\nJawab melalui tautan pribadi`);
    expect(mail.body).toContain(`Staff question:\n${question}\n\nAnswer through the private link`);
    expect(mail.body).toContain("Status: Menunggu jawaban pelapor");
  });

  it("notifies anonymous reporters and every reporter of a merged cluster, without identity in payloads, results or the log", async () => {
    sent.length = 0;
    logLines.length = 0;
    const primary = await smsComplaint("081377003344", "Jalan di depan pasar Aviari berlubang besar sekali");
    const dup = await smsComplaint("081377005566", "Jalan depan pasar Aviari rusak, banyak motor jatuh");
    await t.db.update(complaints).set({ anonymous: true }).where(eq(complaints.trackingCode, dup));
    await act(dup, "merge", coordinator, { primaryCode: primary });
    await act(primary, "dispose", coordinator, { opdCode: "DISDUKCAPIL" });
    await drain();
    expect(sent.map((s) => s.to).sort()).toEqual(["+6281377003344", "+6281377005566"]);
    expect(sent.find((s) => s.to === "+6281377005566")!.text).toContain(dup);
    const rows = await t.db.select({ payload: outbox.payload, result: outbox.result, lastError: outbox.lastError }).from(outbox);
    expect(JSON.stringify(rows)).not.toMatch(/81377005566|81377003344/);
    expect(logLines.join("\n")).not.toMatch(/81377005566|81377003344/);
  });

  it("retries a failing gateway and halts the SMS channel when it refuses the credentials", async () => {
    sent.length = 0;
    const code = await smsComplaint("081377007788", "Sampah di TPS Batu Aji tidak diangkut sudah dua minggu");
    gatewayAnswers = [500];
    await act(code, "contact_reporter", coordinator, { message: "Mohon kirim lokasi tepat TPS tersebut." });
    const first = await drain();
    expect(first.retried).toBeGreaterThanOrEqual(1);
    await t.db.update(outbox).set({ nextAttemptAt: new Date(0) }).where(eq(outbox.topic, "sms.notify"));
    await drain();
    expect(sent.filter((s) => s.text.includes(code))).toHaveLength(1);

    const other = await smsComplaint("081377008899", "Lampu lalu lintas simpang Jodoh mati sejak pagi");
    gatewayAnswers = [403];
    await act(other, "dispose", coordinator, { opdCode: "DISDUKCAPIL" });
    await drain();
    const [halt] = await t.db.select().from(channelHalts).where(eq(channelHalts.channel, "sms"));
    expect(halt?.reason).toMatch(/credentials \(403\)/);
    expect(halt?.reason).not.toContain("rahasia");
    await t.db.delete(channelHalts);
  });
});
