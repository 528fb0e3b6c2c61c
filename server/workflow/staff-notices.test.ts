import { and, eq, inArray } from "drizzle-orm";
import type { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listNotifications, markRead, unreadByComplaint, type Reader } from "@/db/queries/notifications";
import { complaints, outbox, users } from "@/db/schema";
import { staffNotifications } from "@/db/schema-sla";
import { testDatabases, type TestDatabase } from "@/test/databases";
import type { Action } from "@/domain/workflow";
import { validComplaint, wib } from "@/test/fixtures";
import { readMail, startSmtp } from "@/test/mail";
import { addStaff } from "@/test/staff";
import { queueDigests } from "@/jobs/notify-staff";
import { drainOnce } from "@/queue/run";
import { intakeComplaint } from "@/server/intake";
import { performAction, type ActingParty } from "./perform";

// A real SMTP server on any free port; e-mail is on for this file (env() is read after this).
const mails: { to: string; raw: string }[] = [];
const smtp: SMTPServer = await startSmtp(0, (to, raw) => mails.push({ to, raw }));
const address = smtp.server.address();
process.env.SMTP_URL = `smtp://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
process.env.PUBLIC_BASE_URL = "https://pintu.batam.test";
afterAll(() => new Promise<void>((r) => smtp.close(() => r())));

const NOW = "2026-03-02 10:00";
const reader = (p: ActingParty): Reader => {
  if (p.kind !== "staff") throw new Error("staff only");
  return { id: p.userId, role: p.role, opdId: p.opdId };
};

describe.each(testDatabases())("staff notifications from the workflow on $name", (backend) => {
  let t: TestDatabase;
  const s: Record<string, ActingParty & { kind: "staff" }> = {};
  beforeAll(async () => {
    t = await backend.open();
    s.coord = await addStaff(t.db, "n-coord@pintu.test", "coordinator", null);
    s.officer = await addStaff(t.db, "n-officer@pintu.test", "opd_officer", "DISDUKCAPIL");
    s.head = await addStaff(t.db, "n-head@pintu.test", "opd_head", "DISDUKCAPIL");
    s.other = await addStaff(t.db, "n-other@pintu.test", "opd_officer", "BINAMARGA");
    // The head wants a daily digest, everyone else each one at once.
    await t.db.update(users).set({ notifyEmail: "daily" }).where(eq(users.id, s.head!.userId));
  });
  afterAll(() => t?.dispose());

  const act = (code: string, action: Action, party: ActingParty, input: Record<string, unknown> = {}, at = NOW) =>
    performAction(t.db, { trackingCode: code, action, party, input, now: wib(at) });
  const kinds = async (p: ActingParty, complaintId: number) =>
    (await listNotifications(t.db, reader(p))).filter((n) => n.data.code !== undefined && n.kind !== "sla_at_risk").filter((n) => String(n.data.eventId ?? "") !== "" && complaintIdOf(n) === complaintId).map((n) => n.kind);
  const byId = new Map<number, number>();
  const complaintIdOf = (n: { id: number }) => byId.get(n.id);
  const refresh = async () => {
    for (const r of await t.db.select({ id: staffNotifications.id, c: staffNotifications.complaintId }).from(staffNotifications)) byId.set(r.id, r.c ?? -1);
  };

  it("tells the OPD, the assignee, the handler and the coordinators, each only what concerns them", async () => {
    const anon = await intakeComplaint(t.db, { raw: validComplaint({ anonymous: "1" }), channel: "web", region: "BTM", now: wib(NOW) });
    const code = anon.trackingCode;
    const [c] = await t.db.select().from(complaints).where(eq(complaints.trackingCode, code));
    await act(code, "dispose", s.coord!, { opdCode: "DISDUKCAPIL" });
    await act(code, "assign", s.head!, { userId: s.officer!.userId });
    await act(code, "note", s.coord!, { text: "Pelapor menelepon lagi, mohon segera." });
    await act(code, "note", s.officer!, { text: "Catatan OPD sendiri." }); // no one is told of an OPD's own note
    await act(code, "request_info", s.officer!, { message: "Mohon kirim foto lokasi yang lebih jelas." });
    await act(code, "reporter_reply", { kind: "reporter", channel: "web" }, { message: "Saya Siti Aminah, fotonya menyusul." });
    await act(code, "accept", s.officer!);
    await act(code, "respond", s.officer!, { message: "Jalan sudah diperbaiki oleh tim kami pada hari ini." });
    await act(code, "object", { kind: "reporter", channel: "web" }, { reason: "Belum diperbaiki sama sekali di depan rumah." });
    await refresh();
    expect(await kinds(s.officer!, c!.id)).toEqual(["objection", "reporter_reply", "coordinator_note", "assigned", "disposed"]);
    expect(await kinds(s.head!, c!.id)).toEqual(["coordinator_note", "disposed"]);
    expect(await kinds(s.other!, c!.id)).toEqual([]);
    expect(await kinds(s.coord!, c!.id)).toEqual([]);
    // Nothing of the anonymous reporter (name, words) in any notification.
    const all = await t.db.select({ data: staffNotifications.data }).from(staffNotifications).where(eq(staffNotifications.complaintId, c!.id));
    expect(JSON.stringify(all)).not.toMatch(/Siti|Aminah|fotonya|depan rumah|menelepon/);

    // The inbox's "what changed": unread per complaint, the newest kind; opening it reads them.
    expect((await unreadByComplaint(t.db, reader(s.officer!), [c!.id])).get(c!.id)).toBe("objection");
    expect((await unreadByComplaint(t.db, reader(s.other!), [c!.id])).size).toBe(0);

    // A return reaches the coordinators; the OPD no longer sees any notification of the complaint.
    await act(code, "return", s.officer!, { reason: "Ini wewenang Dinas Bina Marga, bukan kami." });
    await refresh();
    const coord = (await listNotifications(t.db, reader(s.coord!))).filter((n) => complaintIdOf(n) === c!.id);
    expect(coord.map((n) => [n.kind, n.data.reason, n.data.fromOpd])).toEqual([["returned", "Ini wewenang Dinas Bina Marga, bukan kami.", "Dinas Kependudukan dan Pencatatan Sipil"]]);
    expect(await kinds(s.officer!, c!.id)).toEqual([]);
    const mine = (await t.db.select({ id: staffNotifications.id }).from(staffNotifications).where(and(eq(staffNotifications.complaintId, c!.id), eq(staffNotifications.userId, s.officer!.userId))))[0]!;
    expect(await markRead(t.db, reader(s.officer!), mine.id)).toBe(false);
    // Re-disposed to Bina Marga: their staff are told; Disdukcapil's still see nothing of it.
    await act(code, "dispose", s.coord!, { opdCode: "BINAMARGA" });
    await refresh();
    expect(await kinds(s.other!, c!.id)).toEqual(["disposed"]);
    expect(await kinds(s.officer!, c!.id)).toEqual([]);
  });

  it("mails each notification to those who want it at once, and a daily digest to those who chose it", async () => {
    mails.length = 0;
    const code = (await intakeComplaint(t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: wib(NOW) })).trackingCode;
    await act(code, "dispose", s.coord!, { opdCode: "DISDUKCAPIL" });
    const [c] = await t.db.select({ id: complaints.id }).from(complaints).where(eq(complaints.trackingCode, code));
    const queued = await t.db.select({ topic: outbox.topic }).from(outbox).where(and(eq(outbox.complaintId, c!.id), eq(outbox.topic, "notify.staff")));
    expect(queued).toHaveLength(1);
    await drainOnce(t.db, { topics: ["notify.staff", "email.staff"], backoffMs: 10, maxAttempts: 2, log: () => {} });
    const to = (addr: string) => mails.filter((m) => m.to === addr).map((m) => readMail(m.raw));
    const got = to("n-officer@pintu.test");
    expect(got.filter((m) => m.body.includes(code))).toHaveLength(1);
    expect(got.find((m) => m.body.includes(code))!.subject).toContain(`${code} diteruskan ke OPD Anda`);
    expect(got.find((m) => m.body.includes(code))!.body).toContain(`https://pintu.batam.test/petugas/aduan/${code}`);
    expect(to("n-head@pintu.test")).toHaveLength(0); // daily digest instead
    expect(to("n-other@pintu.test").filter((m) => m.body.includes(code))).toHaveLength(0);
    // Draining again sends nothing twice.
    await drainOnce(t.db, { topics: ["notify.staff", "email.staff"], backoffMs: 10, maxAttempts: 2, log: () => {} });
    expect(to("n-officer@pintu.test").filter((m) => m.body.includes(code))).toHaveLength(1);

    // The digest: not before 07:00 WIB, once a day.
    const early = wib("2026-03-03 06:30");
    expect(await queueDigests(t.db, early)).toBe(0);
    const morning = wib("2026-03-03 07:10");
    expect(await queueDigests(t.db, morning)).toBe(1);
    expect(await queueDigests(t.db, wib("2026-03-03 09:00"))).toBe(0);
    await drainOnce(t.db, { topics: ["email.staff_digest"], backoffMs: 10, maxAttempts: 2, log: () => {} });
    const digest = to("n-head@pintu.test");
    expect(digest).toHaveLength(1);
    expect(digest[0]!.subject).toBe("[Pintu] Ringkasan notifikasi 2026-03-03: 1 belum dibaca");
    expect(digest[0]!.body).toContain(code);
    const rows = await t.db.select({ topic: outbox.topic }).from(outbox).where(inArray(outbox.topic, ["email.staff_digest"]));
    expect(rows).toHaveLength(1);
  });
});
