import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, like } from "drizzle-orm";
import type { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reporterChallenges, reporterKeys } from "@/db/schema-reporter";
import { outbox } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { rejection, validComplaint } from "@/test/fixtures";
import { startSmtp } from "@/test/mail";
import "@/jobs/reporter-link";
import { drainOnce } from "@/queue/run";
import { intakeComplaint } from "./intake";
import { loadPublicComplaint } from "./public-complaint";
import { finishRecovery, MAX_TRIES, RECOVERY_LIMITS, startRecovery } from "./reporter-recovery";

// A fake SMS gateway and a real SMTP server on free ports; env() is first read after they listen.
const sms: { to: string; text: string }[] = [];
const mails: { to: string; raw: string }[] = [];
let gateway: Server;
let smtp: SMTPServer;
const TOPICS = ["sms.reporter_link", "email.reporter_link", "sms.reporter_code", "email.reporter_code"];

beforeAll(async () => {
  gateway = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    sms.push({ to: url.searchParams.get("to") ?? "", text: url.searchParams.get("text") ?? "" });
    res.writeHead(202).end("0: Accepted for delivery");
  });
  await new Promise<void>((r) => gateway.listen(0, "127.0.0.1", r));
  smtp = await startSmtp(0, (to, raw) => mails.push({ to, raw: raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=") }));
  process.env.SMS_OUTBOUND_URL = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send?to={to}&text={text}`;
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  process.env.PUBLIC_BASE_URL = "https://pintu.batam.test";
});
afterAll(async () => {
  await new Promise((r) => gateway.close(r));
  await new Promise<void>((r) => smtp.close(() => r()));
});

describe.each(testDatabases())("the reporter's links on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t?.dispose());
  const drain = () => drainOnce(t.db, { log: () => {}, backoffMs: 10, maxAttempts: 3, topics: TOPICS });
  const keyOf = (text: string) => /\/k\/[0-9A-Z]{8}\/([\w-]+)|key=([\w-]+)/.exec(text)!.slice(1).find(Boolean)!;
  const opens = async (code: string, key: string) => (await loadPublicComplaint(t.db, code, "BTM", key))?.keyValid;

  it("sends the code and a new private link by SMS (short) and e-mail (full) after a web complaint, in the intake's statement", async () => {
    sms.length = 0;
    mails.length = 0;
    const r = await intakeComplaint(t.db, { raw: validComplaint({ reporterPhone: "0812 7700 1001", reporterEmail: "tautan@contoh.id" }), channel: "web", region: "BTM", now: new Date(), sendLink: true });
    const rows = await t.db.select({ topic: outbox.topic }).from(outbox).where(and(eq(outbox.complaintId, r.complaintId!), like(outbox.topic, "%reporter_link")));
    expect(rows.map((x) => x.topic).sort()).toEqual(["email.reporter_link", "sms.reporter_link"]);
    await drain();
    expect(sms).toHaveLength(1);
    expect(sms[0]!.to).toBe("+6281277001001");
    expect(sms[0]!.text.length).toBeLessThanOrEqual(160);
    expect(sms[0]!.text).toContain(`https://pintu.batam.test/k/${r.trackingCode.slice(4)}/`);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toBe("tautan@contoh.id");
    expect(mails[0]!.raw).toContain(`https://pintu.batam.test/lacak/${r.trackingCode}?key=`);
    // Each is a new link of its own; the one on the receipt stays valid.
    const [bySms, byMail] = [keyOf(sms[0]!.text), keyOf(mails[0]!.raw)];
    expect(new Set([bySms, byMail, r.accessKey]).size).toBe(3);
    for (const k of [bySms, byMail, r.accessKey]) expect(await opens(r.trackingCode, k)).toBe(true);
    expect(await opens(r.trackingCode, "not-a-key")).toBe(false);
    // No key in any outbox payload or result.
    const kept = JSON.stringify(await t.db.select({ p: outbox.payload, r: outbox.result }).from(outbox).where(eq(outbox.complaintId, r.complaintId!)));
    for (const k of [bySms, byMail, r.accessKey]) expect(kept).not.toContain(k);
  });

  it("the API and staff channels send nothing by themselves", async () => {
    const r = await intakeComplaint(t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: new Date() });
    expect(await t.db.select().from(outbox).where(and(eq(outbox.complaintId, r.complaintId!), like(outbox.topic, "%reporter_link")))).toEqual([]);
  });

  it("recovers a lost link with a one-time code by SMS; a wrong contact gets the same answer and no code", async () => {
    sms.length = 0;
    const r = await intakeComplaint(t.db, { raw: validComplaint({ reporterPhone: "081277001002", reporterEmail: undefined }), channel: "web", region: "BTM", now: new Date() });
    const now = new Date();
    const stranger = await startRecovery(t.db, { trackingCode: r.trackingCode, contact: "081277009999", address: "10.0.0.1", now });
    const owner = await startRecovery(t.db, { trackingCode: r.trackingCode, contact: "+62 812-7700-1002", address: "10.0.0.2", now });
    expect(stranger).toMatchObject({ ok: true, channel: "sms" });
    expect(owner).toMatchObject({ ok: true, channel: "sms" });
    if (!stranger.ok || !owner.ok) return;
    await drain();
    expect(sms).toHaveLength(1);
    expect(sms[0]!.to).toBe("+6281277001002");
    const otp = /\b(\d{6})\b/.exec(sms[0]!.text)![1]!;
    // Stored hashed, never as typed.
    const [row] = await t.db.select().from(reporterChallenges).where(eq(reporterChallenges.id, owner.challengeId));
    expect(row!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(otp);
    // The stranger's challenge can never be passed, whatever they type.
    expect(await finishRecovery(t.db, { trackingCode: r.trackingCode, challengeId: stranger.challengeId, code: otp, now })).toEqual({ ok: false, error: "wrongCode", left: MAX_TRIES - 1 });
    expect(await finishRecovery(t.db, { trackingCode: r.trackingCode, challengeId: owner.challengeId, code: "12a", now })).toEqual({ ok: false, error: "codeFormat" });
    const wrong = otp === "000000" ? "000001" : "000000";
    expect(await finishRecovery(t.db, { trackingCode: r.trackingCode, challengeId: owner.challengeId, code: wrong, now })).toEqual({ ok: false, error: "wrongCode", left: MAX_TRIES - 1 });
    const done = await finishRecovery(t.db, { trackingCode: r.trackingCode, challengeId: owner.challengeId, code: ` ${otp} `, now });
    expect(done.ok).toBe(true);
    if (!done.ok) return;
    expect(await opens(r.trackingCode, done.key)).toBe(true);
    expect(await opens(r.trackingCode, r.accessKey)).toBe(true);
    expect((await t.db.select().from(reporterKeys).where(eq(reporterKeys.complaintId, r.complaintId!))).map((k) => k.reason)).toEqual(["recovered"]);
    // Once only.
    expect(await finishRecovery(t.db, { trackingCode: r.trackingCode, challengeId: owner.challengeId, code: otp, now })).toEqual({ ok: false, error: "expired" });
  });

  it("by e-mail too; expired codes and too many tries are refused", async () => {
    mails.length = 0;
    const r = await intakeComplaint(t.db, { raw: validComplaint({ reporterPhone: undefined, reporterEmail: "Lupa@Contoh.id" }), channel: "web", region: "BTM", now: new Date() });
    const now = new Date();
    const start = await startRecovery(t.db, { trackingCode: r.trackingCode, contact: "lupa@contoh.ID", address: "10.0.0.3", now });
    expect(start).toMatchObject({ ok: true, channel: "email" });
    if (!start.ok) return;
    await drain();
    expect(mails.map((m) => m.to.toLowerCase())).toEqual(["lupa@contoh.id"]);
    const otp = /Kode (\d{6})/.exec(mails[0]!.raw)![1]!;
    const later = new Date(now.getTime() + 16 * 60_000);
    expect(await finishRecovery(t.db, { trackingCode: r.trackingCode, challengeId: start.challengeId, code: otp, now: later })).toEqual({ ok: false, error: "expired" });
    const again = await startRecovery(t.db, { trackingCode: r.trackingCode, contact: "lupa@contoh.id", address: "10.0.0.3", now });
    if (!again.ok) return;
    for (let i = MAX_TRIES - 1; i > 0; i--) {
      expect(await finishRecovery(t.db, { trackingCode: r.trackingCode, challengeId: again.challengeId, code: "999999", now })).toEqual({ ok: false, error: "wrongCode", left: i });
    }
    expect(await finishRecovery(t.db, { trackingCode: r.trackingCode, challengeId: again.challengeId, code: "999999", now })).toEqual({ ok: false, error: "expired" });
    // The wrong complaint's code never fits another complaint's challenge.
    expect(await finishRecovery(t.db, { trackingCode: "BTM-00000000", challengeId: again.challengeId, code: otp, now })).toEqual({ ok: false, error: "expired" });
  });

  it("limits requests per complaint, whoever asks and whatever contact", async () => {
    const r = await intakeComplaint(t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: new Date() });
    const now = new Date();
    for (let i = 0; i < RECOVERY_LIMITS.perComplaint; i++) {
      expect((await startRecovery(t.db, { trackingCode: r.trackingCode, contact: `08127700${2000 + i}`, address: `10.1.0.${i}`, now })).ok).toBe(true);
    }
    const err = await rejection(startRecovery(t.db, { trackingCode: r.trackingCode, contact: "081277003000", address: "10.1.1.1", now }));
    expect(err.status).toBe(429);
    expect(await startRecovery(t.db, { trackingCode: r.trackingCode, contact: "bukan kontak", address: "10.1.1.1", now })).toEqual({ ok: false, error: "contactInvalid" });
  });
});
