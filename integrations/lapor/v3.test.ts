import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startLaporSim, type LaporSim } from "@/lapor-sim/server";
import { NO_FAULTS, VARIANTS } from "@/lapor-sim/faults";
import { TINY_PNG } from "@/lapor-sim/store";
import { LaporHttpError, LaporShapeError, type LaporConfig } from "./http";
import * as v3 from "./v3";

let sim: LaporSim;
let cfg: LaporConfig;

beforeAll(async () => {
  sim = await startLaporSim({ apiKey: "k", token: "t", institutionId: "2171", externals: [{ id: "9001", name: "BP Batam" }] });
  cfg = { baseUrl: sim.url, apiKey: "k", token: "t", institutionId: "2171", timeoutMs: 2000 };
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.store.reset();
  sim.setFaults({ ...NO_FAULTS });
});

const failure = async (p: Promise<unknown>) => {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(LaporHttpError);
  return err as LaporHttpError;
};

describe("LAPOR v3 adapter against the simulator", () => {
  it("formats and reads LAPOR's WIB timestamps", () => {
    expect(v3.formatWib(new Date("2026-01-31T17:05:09Z"))).toBe("01-02-2026 00:05:09");
  });

  it("refuses calls without the institution's credentials", async () => {
    const err = await failure(v3.listDisposed({ ...cfg, token: "wrong" }, { since: null, page: 1, pageSize: 10 }));
    expect(err.kind).toBe("unauthorized");
  });

  it("lists disposed complaints page by page, only those changed since the watermark", async () => {
    const [first] = Array.from({ length: 5 }, (_, n) => sim.store.createDisposed({ n, is_anonymous: n === 1, reporter: { name: "Warga", phone: "0812", email: null } }));
    first!.updated_at = new Date(Date.now() - 3600_000);
    const all = await v3.listDisposed(cfg, { since: null, page: 1, pageSize: 3 });
    expect(all.total).toBe(5);
    expect(all.items).toHaveLength(3);
    expect(all.unreadable).toEqual([]);
    // Oldest change first: the complaint changed an hour ago leads.
    expect(all.items[0]!.id).toBe(String(first!.id));
    const page2 = await v3.listDisposed(cfg, { since: null, page: 2, pageSize: 3 });
    expect(page2.items).toHaveLength(2);
    const recent = await v3.listDisposed(cfg, { since: new Date(Date.now() - 60_000), page: 1, pageSize: 10 });
    expect(recent.total).toBe(4);
    const anon = [...all.items, ...page2.items].find((c) => c.is_anonymous)!;
    expect(anon.reporter).toBeNull();
    expect(anon.created_at).toBeInstanceOf(Date);
  });

  it("reads one complaint with its log, its follow-ups, replies and ratings, and its attachments", async () => {
    const c = sim.store.createDisposed({ attachmentCount: 1 });
    sim.store.addReporterFollowup(c, "Mohon segera ditindaklanjuti.", null);
    sim.store.addReporterFollowup(c, "Terima kasih.", 5);
    const one = await v3.fetchComplaint(cfg, String(c.id));
    expect(one.complaint).toMatchObject({ id: String(c.id), tracking_id: c.tracking_id, status_code: 2, is_secret: false });
    expect(one.logs.length).toBeGreaterThan(0);
    const f = await v3.listFollowups(cfg, String(c.id));
    expect(f.items.map((x) => [x.author_type, x.content, x.rating])).toEqual([
      ["reporter", "Mohon segera ditindaklanjuti.", null],
      ["reporter", "Terima kasih.", 5],
    ]);
    const bytes = await v3.downloadAttachment(cfg, one.complaint.attachments[0]!.url);
    expect(Buffer.from(bytes).equals(Buffer.from(TINY_PNG))).toBe(true);
    const missing = await failure(v3.fetchComplaint(cfg, "1"));
    expect(missing).toMatchObject({ kind: "rejected", status: 404 });
  });

  it("creates a complaint with attachments, answers it and forwards another, as LAPOR records them", async () => {
    const [doc] = await v3.uploadFiles(cfg, [{ name: "foto.png", mime: "image/png", bytes: TINY_PNG }]);
    const created = await v3.createComplaint(cfg, {
      title: "Jalan rusak",
      content: "Jalan rusak parah di depan pasar.",
      channel: "web",
      categoryId: "102",
      locationId: "2171010001",
      dateOfIncident: "2026-01-02",
      anonymous: false,
      secret: true,
      reporter: { name: "Ani", phone: "0812", email: null },
      attachmentIds: [doc!],
    });
    const listed = await v3.listDisposed(cfg, { since: null, page: 1, pageSize: 10 });
    expect(listed.items.map((c) => c.id)).toEqual([created.laporId]);
    expect(listed.items[0]).toMatchObject({ tracking_id: created.trackingId, is_secret: true, category_id: "102" });
    expect(listed.items[0]!.attachments).toHaveLength(1);

    const answer = await v3.addFollowup(cfg, { laporId: created.laporId, fromInstitutionId: "2171001", toInstitutionId: "2171", content: "Sudah diperbaiki." });
    const f = await v3.listFollowups(cfg, created.laporId);
    expect(f.items.map((x) => [x.id, x.author_type, x.content])).toEqual([[answer.followupId, "institution", "Sudah diperbaiki."]]);

    const other = sim.store.createDisposed({});
    expect(await v3.rejectComplaint(cfg, String(other.id), { institutionId: "9001", description: "Kewenangan BP Batam" })).toEqual({ statusCode: 6 });
    expect((await v3.fetchComplaint(cfg, String(other.id))).complaint.status_code).toBe(v3.LAPOR_STATUS.forwarded);
    expect(sim.store.received.map((r) => r.call)).toEqual(["upload", "create", "followup", "reject"]);
    expect((await v3.listExternalInstitutions(cfg)).items).toEqual([{ id: "9001", name: "BP Batam" }]);
  });

  it("reports each fault as the kind of failure the caller must handle", async () => {
    sim.setFaults({ rateLimitRate: 1, retryAfterSeconds: 7 });
    expect(await failure(v3.listDisposed(cfg, { since: null, page: 1, pageSize: 1 }))).toMatchObject({ kind: "rate_limited", retryAfterMs: 7000 });
    sim.setFaults({ rateLimitRate: 0, errorRate: 1 });
    expect((await failure(v3.listDisposed(cfg, { since: null, page: 1, pageSize: 1 }))).kind).toBe("server");
    sim.setFaults({ errorRate: 0, timeoutRate: 1, hangMs: 5000 });
    expect((await failure(v3.listDisposed({ ...cfg, timeoutMs: 200 }, { since: null, page: 1, pageSize: 1 }))).kind).toBe("timeout");
    sim.setFaults({ timeoutRate: 0, unauthorized: true });
    expect((await failure(v3.listDisposed(cfg, { since: null, page: 1, pageSize: 1 }))).kind).toBe("unauthorized");
  });

  it("loses the answer of a write that LAPOR nevertheless stored", async () => {
    const c = sim.store.createDisposed({});
    sim.setFaults({ lostResponseRate: 1 });
    const err = await failure(v3.addFollowup(cfg, { laporId: String(c.id), fromInstitutionId: "2171001", toInstitutionId: "2171", content: "Jawaban" }));
    expect(err.kind).toBe("network");
    sim.setFaults({ lostResponseRate: 0 });
    expect((await v3.listFollowups(cfg, String(c.id))).items.map((f) => f.content)).toEqual(["Jawaban"]);
  });

  it.each(VARIANTS)("reads every record under the %s variant: what Pintu needs, the rest tolerated", async (name) => {
    sim.setFaults({ variant: { ...NO_FAULTS.variant, [name]: true } });
    const c = sim.store.createDisposed({ category_id: "102", attachmentCount: 1, reporter: { name: "Warga", phone: "0812", email: null } });
    const anon = sim.store.createDisposed({ is_anonymous: true });
    sim.store.addReporterFollowup(c, "Mohon segera.", null);
    sim.store.addReporterFollowup(c, "Bagus.", 5);
    const page = await v3.listDisposed(cfg, { since: null, page: 1, pageSize: 10 });
    expect(page.unreadable).toEqual([]);
    const [one, two] = [...page.items].sort((a, b) => Number(a.id) - Number(b.id));
    expect([one, two].map((x) => [x!.id, x!.is_anonymous, x!.status_code])).toEqual([
      [String(c.id), false, 2],
      [String(anon.id), true, 2],
    ]);
    expect(two!.reporter).toBeNull();
    expect(one!.reporter).toMatchObject({ name: "Warga" });
    expect(one!.attachments.map((a) => a.id)).toEqual([String(c.attachments[0]!.id)]);
    const f = await v3.listFollowups(cfg, String(c.id));
    expect(f.unreadable).toEqual([]);
    expect(f.items.map((x) => [x.author_type, x.content, x.rating, x.status_new])).toEqual([
      ["reporter", "Mohon segera.", null, name === "omitOptional" ? null : 2],
      ["reporter", "Bagus.", 5, name === "omitOptional" ? null : 2],
    ]);
    expect((await v3.fetchStatus(cfg, String(c.id))).statusCode).toBe(2);
    expect((await v3.listExternalInstitutions(cfg)).items).toEqual([{ id: "9001", name: "BP Batam" }]);
    const answer = await v3.addFollowup(cfg, { laporId: String(c.id), fromInstitutionId: "2171001", toInstitutionId: "2171", content: "Sudah." });
    expect(answer.followupId).toMatch(/^\d+$/);
  });

  it("reads LAPOR's status names in any case, maps unknown ones to null, and quarantines only what lacks a needed field", async () => {
    expect(["didisposisikan", "Ditindaklanjuti", " SELESAI ", "belum_diverifikasi", "Belum Diverifikasi", "dialihkan", "3", 6].map(v3.statusOf)).toEqual([2, 3, 4, 0, 0, 6, 3, 6]);
    expect(["sedang diproses", "", null, 7, -1, 2.5, {}].map(v3.statusOf)).toEqual([null, null, null, null, null, null, null]);
    const c = sim.store.createDisposed({});
    c.status_code = 9;
    const broken = sim.store.createDisposed({});
    broken.content = undefined as unknown as string; // no content: Pintu cannot take it
    const page = await v3.listDisposed(cfg, { since: null, page: 1, pageSize: 10 });
    expect(page.items.map((x) => [x.id, x.status_code])).toEqual([[String(c.id), null]]);
    expect(page.unreadable.map((u) => u.reason)).toEqual([expect.stringContaining("content")]);
    expect(page.entries.map((e) => e.item === null)).toEqual([false, true]);
  });

  it("returns v4-shaped complaints as unreadable with a stable fingerprint, and refuses v4 answers to writes", async () => {
    sim.store.createDisposed({});
    sim.store.createDisposed({});
    sim.setFaults({ version: "v4" });
    const page = await v3.listDisposed(cfg, { since: null, page: 1, pageSize: 10 });
    expect(page.items).toEqual([]);
    expect(page.unreadable).toHaveLength(2);
    expect(page.unreadable[0]!.raw).toContain("tracking_code");
    const again = await v3.listDisposed(cfg, { since: null, page: 1, pageSize: 10 });
    expect(again.unreadable.map((u) => u.fingerprint)).toEqual(page.unreadable.map((u) => u.fingerprint));
    const err = await v3.createComplaint(cfg, { title: "Judul aduan", content: "Isi aduan", channel: "web", categoryId: null, locationId: null, dateOfIncident: null, anonymous: false, secret: false, reporter: { name: null, phone: null, email: null }, attachmentIds: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LaporShapeError);
    expect((err as LaporShapeError).unreadable.raw).toContain("uuid");
  });
});
