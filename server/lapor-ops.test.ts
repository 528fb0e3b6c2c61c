import { and, eq, inArray, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadLetters, integrationOverview, manualBacklog, openQuarantine } from "@/db/queries/lapor-ops";
import { markEnteredManually, resolveQuarantine, retryDeadLetters } from "./lapor-ops";
import { auditLog, complaints, opds, outbox, users } from "@/db/schema";
import { laporQuarantine } from "@/db/schema-lapor";
import { channelHalts, jobLeases } from "@/db/schema-worker";
import { testDatabases, type TestDatabase } from "@/test/databases";
import type { Role } from "@/domain/complaint-status";
import { validComplaint, wib, testActor } from "@/test/fixtures";
import { ValidationError } from "@/lib/errors";
import { retryChannelDead } from "./channel-health";
import { intakeComplaint } from "./intake";
import { buildExport, exportCsv } from "./lapor-export";
import { deleteMapping, listMappings, setMapping } from "./lapor-mappings";
import { performAction, type ActingParty } from "./workflow/perform";

const NOW = wib("2026-03-02 10:00"); // a Monday
const LATER = wib("2026-03-02 11:00");
const t = (key: string, v?: Record<string, string>) => `${key}${v?.institution ? ` → ${v.institution}` : ""}`;

describe.each(testDatabases())("LAPOR manual mode and integration page on $name", (backend) => {
  let db: TestDatabase["db"];
  let handle: TestDatabase;
  const staff: Record<string, ActingParty & { kind: "staff" }> = {};
  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    const make = async (email: string, role: Role, opd: string | null) => {
      const opdId = opd ? (await db.select({ id: opds.id }).from(opds).where(eq(opds.code, opd)))[0]!.id : null;
      const [u] = await db.insert(users).values({ email, name: email, role, opdId, passwordHash: "x" }).returning({ id: users.id });
      staff[email] = { kind: "staff", userId: u!.id, role, opdId };
    };
    await make("coord", "coordinator", null);
    await make("admin", "admin", null);
    await make("dukcapil", "opd_officer", "DISDUKCAPIL");
  });
  afterAll(() => handle?.dispose());

  const file = async (extra: Record<string, unknown> = {}) => (await intakeComplaint(db, { raw: validComplaint(extra), channel: "web", region: "BTM", now: NOW })).trackingCode;
  const act = (code: string, action: Parameters<typeof performAction>[1]["action"], party: ActingParty, input: Record<string, unknown> = {}) =>
    performAction(db, { trackingCode: code, action, party, input, now: NOW });
  const itemsOf = async (code: string) => {
    const [c] = await db.select({ id: complaints.id }).from(complaints).where(eq(complaints.trackingCode, code));
    return db.select().from(outbox).where(and(eq(outbox.complaintId, c!.id), like(outbox.topic, "lapor.%"))).orderBy(outbox.id);
  };

  it("exports what LAPOR still has to receive, with LAPOR's ids from the mappings and no anonymous identity", async () => {
    await setMapping(db, { kind: "category", localCode: "ADMINDUK", laporId: "C-ADM", actor: testActor(staff.admin!.userId), now: NOW });
    await setMapping(db, { kind: "institution", localCode: "PLN-BATAM", laporId: "I-PLN", actor: testActor(staff.admin!.userId), now: NOW });
    const plain = await file({ categoryCode: "ADMINDUK", title: "=HYPERLINK(\"http://x\") KTP belum jadi" });
    const anon = await file({ anonymous: true, reporterName: "Rahasia Sekali" });
    const forwarded = await file();
    await act(forwarded, "forward", staff.coord!, { externalCode: "PLN-BATAM", note: "Listrik padam, wewenang PLN Batam." });
    const answered = await file();
    await act(answered, "dispose", staff.coord!, { opdCode: "DISDUKCAPIL" });
    await act(answered, "accept", staff.dukcapil!);
    await act(answered, "respond", staff.dukcapil!, { message: "KTP-el Anda sudah dicetak dan dapat diambil di kantor kecamatan." });

    const rows = await buildExport(db, t);
    const of = (code: string) => rows.filter((r) => r.trackingCode === code);
    expect(of(plain)).toEqual([expect.objectContaining({ task: "create_complaint", categoryLaporId: "C-ADM", reporterName: "Siti Aminah", reporterPhone: "+6281234567890" })]);
    expect(of(plain)[0]!.content).toMatch(new RegExp(`\\[Pintu ${plain}\\]$`));
    expect(of(anon)[0]).toMatchObject({ anonymous: true, reporterName: null, reporterPhone: null, reporterEmail: null });
    expect(of(forwarded).map((r) => r.task)).toEqual(["create_complaint", "forward"]);
    expect(of(forwarded)[1]).toMatchObject({ institutionLaporId: "I-PLN", content: expect.stringMatching(/^Listrik padam, wewenang PLN Batam\.\n\n\[Ref\. Pintu \d+\]$/), instruction: "task.forward → PT PLN Batam" });
    expect(of(answered).map((r) => r.task)).toEqual(["create_complaint", "followup"]);
    expect(of(answered)[1]!.content).toMatch(/^KTP-el Anda sudah dicetak dan dapat diambil di kantor kecamatan\.\n\n\[Ref\. Pintu \d+\]$/);

    const csv = exportCsv(rows, (c) => c, (v) => (v ? "ya" : "tidak"));
    expect(csv.startsWith("\uFEFFoutboxId,trackingCode,")).toBe(true);
    // A citizen's text that looks like a formula never runs in the coordinator's spreadsheet.
    expect(csv).toContain(`'=HYPERLINK(""http://x"") KTP belum jadi`);
    expect(csv).not.toContain("Rahasia Sekali");
  });

  it("marks items as entered by hand: done, delivered 'manual', audited, gone from the export, never twice", async () => {
    const code = await file();
    const [item] = await itemsOf(code);
    const first = await markEnteredManually(db, { ids: [item!.id], actor: testActor(staff.coord!.userId), now: LATER });
    expect(first).toEqual({ marked: [item!.id], skipped: [], inDelivery: [] });
    const [after] = await itemsOf(code);
    expect(after).toMatchObject({ status: "done", deliveredVia: "manual", doneAt: LATER, result: { manual: { userId: staff.coord!.userId } } });
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, "lapor.mark_entered"), eq(auditLog.complaintId, item!.complaintId!)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ userId: staff.coord!.userId, targetKind: "outbox", targetId: String(item!.id), data: { items: [{ outboxId: item!.id, topic: "lapor.create_complaint", was: "pending" }] } });
    expect((await buildExport(db, t)).some((r) => r.trackingCode === code)).toBe(false);

    const again = await markEnteredManually(db, { ids: [item!.id, 999_999_999], actor: testActor(staff.coord!.userId), now: LATER });
    expect(again).toEqual({ marked: [], skipped: [item!.id, 999_999_999], inDelivery: [] });
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "lapor.mark_entered"), eq(auditLog.complaintId, item!.complaintId!)))).toHaveLength(1);
  });

  it("never marks an outbox item of another channel (e.g. the reporter's SMS) as entered in LAPOR", async () => {
    const code = await file();
    await act(code, "contact_reporter", staff.coord!, { message: "Mohon kirim foto lokasi." });
    const [c] = await db.select({ id: complaints.id }).from(complaints).where(eq(complaints.trackingCode, code));
    const [notify] = await db.select().from(outbox).where(and(eq(outbox.complaintId, c!.id), eq(outbox.topic, "notify.reporter")));
    expect(await markEnteredManually(db, { ids: [notify!.id], actor: testActor(staff.coord!.userId), now: LATER })).toEqual({ marked: [], skipped: [notify!.id], inDelivery: [] });
    expect((await db.select().from(outbox).where(eq(outbox.id, notify!.id)))[0]!.status).toBe("pending");
  });

  it("retries one dead letter or all of them: back to pending with attempts reset, audited", async () => {
    const codes = [await file(), await file(), await file()];
    const items = (await Promise.all(codes.map(itemsOf))).map((i) => i[0]!);
    await db.update(outbox).set({ status: "dead", attempts: 8, lastError: "LAPOR answered 500", nextAttemptAt: NOW }).where(inArray(outbox.id, items.map((i) => i.id)));
    expect((await deadLetters(db)).map((d) => d.id)).toEqual(expect.arrayContaining(items.map((i) => i.id)));

    expect(await retryDeadLetters(db, { ids: [items[0]!.id], actor: testActor(staff.coord!.userId), now: LATER })).toBe(1);
    const [one] = await db.select().from(outbox).where(eq(outbox.id, items[0]!.id));
    // Counted from 1: its next attempt looks in LAPOR before sending (an earlier one may have got through).
    expect(one).toMatchObject({ status: "pending", attempts: 1, lastError: null, nextAttemptAt: LATER });
    // Retrying it again does nothing: it is no longer dead.
    expect(await retryDeadLetters(db, { ids: [items[0]!.id], actor: testActor(staff.coord!.userId), now: LATER })).toBe(0);

    expect(await retryDeadLetters(db, { ids: "all", actor: testActor(staff.admin!.userId), now: LATER })).toBeGreaterThanOrEqual(2);
    expect(await deadLetters(db)).toEqual([]);
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, "lapor.retry"));
    expect(audits.map((a) => a.userId)).toEqual([staff.coord!.userId, staff.admin!.userId]);
    expect((audits[1]!.data as { outboxIds: number[] }).outboxIds).toEqual(expect.arrayContaining([items[1]!.id, items[2]!.id]));
  });

  it("retries an SMS channel's dead letters only (from attempt 0), audited as sms.retry; LAPOR's stay dead", async () => {
    const [sms, lapor] = await db
      .insert(outbox)
      .values([
        { topic: "sms.notify", payload: {}, status: "dead", attempts: 8, lastError: "gateway 500" },
        { topic: "lapor.create_complaint", payload: {}, status: "dead", attempts: 8, lastError: "LAPOR answered 500" },
      ])
      .returning({ id: outbox.id });
    expect(await retryChannelDead(db, { channel: "sms", ids: "all", actor: testActor(staff.coord!.userId), now: LATER })).toBe(1);
    const rows = await db.select().from(outbox).where(inArray(outbox.id, [sms!.id, lapor!.id]));
    expect(rows.find((r) => r.id === sms!.id)).toMatchObject({ status: "pending", attempts: 0, lastError: null, nextAttemptAt: LATER });
    expect(rows.find((r) => r.id === lapor!.id)).toMatchObject({ status: "dead", attempts: 8 });
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "sms.retry"));
    expect(audit).toMatchObject({ userId: staff.coord!.userId, targetId: String(sms!.id) });
    await db.delete(outbox).where(inArray(outbox.id, [sms!.id, lapor!.id]));
  });

  it("shows health inputs: the halt reason, the last poll and delivery, the backlog; resolves quarantined payloads once", async () => {
    await db.insert(channelHalts).values({ channel: "lapor", reason: "LAPOR answered 401 (token expired)", haltedAt: NOW, retryAt: LATER });
    await db.insert(jobLeases).values({ name: "lapor.poll", lastOkAt: NOW, lastError: "timeout", lastErrorAt: LATER });
    const code = await file();
    const [item] = await itemsOf(code);
    await db.update(outbox).set({ status: "done", deliveredVia: "worker", doneAt: LATER }).where(eq(outbox.id, item!.id));
    const o = await integrationOverview(db, LATER);
    expect(o.halt).toMatchObject({ reason: "LAPOR answered 401 (token expired)" });
    expect(o.jobs).toEqual([expect.objectContaining({ name: "lapor.poll", lastOkAt: NOW, lastErrorAt: LATER })]);
    expect(o.lastDeliveryAt).toEqual(LATER);
    expect(o.backlog.pending).toBe((await manualBacklog(db)).filter((m) => m.status === "pending").length);

    const [q] = await db.insert(laporQuarantine).values({ source: "GET /complaints/disposed", adapterVersion: "v3", reason: "unexpected shape", raw: '{"<script>":1}', fingerprint: `f-${Date.now()}` }).returning();
    expect((await openQuarantine(db)).map((x) => x.id)).toContain(q!.id);
    expect((await integrationOverview(db, LATER)).quarantined).toBeGreaterThanOrEqual(1);
    expect(await resolveQuarantine(db, { id: q!.id, actor: testActor(staff.coord!.userId), now: LATER })).toBe(true);
    expect(await resolveQuarantine(db, { id: q!.id, actor: testActor(staff.coord!.userId), now: LATER })).toBe(false);
    expect((await openQuarantine(db)).map((x) => x.id)).not.toContain(q!.id);
    await db.delete(channelHalts);
  });

  it("validates mappings: known items only, well-formed ids, one LAPOR id per kind", async () => {
    const admin = staff.admin!.userId;
    await setMapping(db, { kind: "opd", localCode: "DISDUKCAPIL", laporId: "OPD-7", actor: testActor(admin), now: NOW });
    // The same id for another OPD is refused with the holder's name; for another kind it is fine.
    await expect(setMapping(db, { kind: "opd", localCode: "BINAMARGA", laporId: "OPD-7", actor: testActor(admin), now: NOW })).rejects.toMatchObject({
      fieldErrors: { laporId: ["laporIdTaken|Dinas Kependudukan dan Pencatatan Sipil"] },
    });
    await setMapping(db, { kind: "institution", localCode: "SPAM", laporId: "OPD-7", actor: testActor(admin), now: NOW });
    const bad = await setMapping(db, { kind: "opd", localCode: "NOPE", laporId: "x y", actor: testActor(admin), now: NOW }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).fieldErrors).toEqual({ localCode: ["unknownMappingItem"], laporId: ["laporIdFormat"] });
    await expect(setMapping(db, { kind: "planet", localCode: "X", laporId: "1", actor: testActor(admin), now: NOW })).rejects.toBeInstanceOf(ValidationError);
    // Replacing an item's own id is an update, not a clash.
    await setMapping(db, { kind: "opd", localCode: "DISDUKCAPIL", laporId: "OPD-8", actor: testActor(admin), now: NOW });
    expect((await listMappings(db)).filter((m) => m.kind === "opd" && m.localCode === "DISDUKCAPIL")).toEqual([expect.objectContaining({ localCode: "DISDUKCAPIL", laporId: "OPD-8" })]);
    expect(await deleteMapping(db, { kind: "opd", localCode: "DISDUKCAPIL", actor: testActor(admin), now: NOW })).toBe(true);
    expect(await deleteMapping(db, { kind: "opd", localCode: "DISDUKCAPIL", actor: testActor(admin), now: NOW })).toBe(false);
    await setMapping(db, { kind: "opd", localCode: "BINAMARGA", laporId: "OPD-7", actor: testActor(admin), now: NOW });
    expect((await db.select().from(auditLog).where(like(auditLog.action, "lapor.mapping_%"))).length).toBeGreaterThanOrEqual(5);
  });
});
