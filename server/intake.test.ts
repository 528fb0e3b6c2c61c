import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categories, complaintEvents, complaints, holidays, kecamatan, kelurahan, opds, externalInstitutions, outbox, users } from "@/db/schema";
import { countRows, testDatabases, type TestDatabase } from "@/test/databases";
import { rejection, validComplaint, wib } from "@/test/fixtures";
import { ValidationError } from "@/lib/errors";
import { intakeComplaint, type IntakeRequest } from "./intake";
import { invalidateReference } from "./reference";

const NOW = wib("2026-03-02 10:00"); // a Monday
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe.each(testDatabases())("intakeComplaint on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t?.dispose());

  const submit = (raw: Record<string, unknown>, extra: Partial<IntakeRequest> = {}) =>
    intakeComplaint(t.db, { raw, channel: "web", region: "BTM", now: NOW, ...extra });
  const stored = async (trackingCode: string) =>
    (await t.db.select().from(complaints).where(eq(complaints.trackingCode, trackingCode)))[0]!;
  const opdId = async (code: string) => (await t.db.select().from(opds).where(eq(opds.code, code)))[0]!.id;
  const kecamatanId = async (name: string) => (await t.db.select().from(kecamatan).where(eq(kecamatan.name, name)))[0]!.id;

  it("stores exactly one complaint, one submit event, one LAPOR outbox row and one duplicate check", async () => {
    const before = await countRows(t.db);
    const receipt = await submit(validComplaint());
    expect(await countRows(t.db)).toEqual({ ...before, complaints: before.complaints + 1, events: before.events + 1, outbox: before.outbox + 2 });

    expect(receipt).toMatchObject({ status: "received", replayed: false });
    expect(receipt.trackingCode).toMatch(/^BTM-[0-9A-HJKMNP-TV-Z]{8}$/);
    const row = await stored(receipt.trackingCode);
    expect(row).toMatchObject({ channel: "web", status: "received", title: "Jalan berlubang di depan sekolah", reporterPhone: "+6281234567890", anonymous: false, confidential: false });
    expect(row.createdAt.toISOString()).toBe(NOW.toISOString());

    const events = await t.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, row.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "submit", fromStatus: null, toStatus: "received", actorRole: "citizen", actorUserId: null, channel: "web" });

    const jobs = await t.db.select().from(outbox).where(eq(outbox.complaintId, row.id)).orderBy(outbox.topic);
    expect(jobs).toMatchObject([
      { topic: "duplicates.flag", status: "pending", payload: { complaintId: row.id } },
      { topic: "lapor.create_complaint", status: "pending", payload: { complaintId: row.id } },
    ]);
  });

  it("stores the access key only as its SHA-256 hash", async () => {
    const receipt = await submit(validComplaint());
    expect(receipt.accessKey.length).toBeGreaterThanOrEqual(22);
    const row = await stored(receipt.trackingCode);
    expect(row.accessKeyHash).toBe(sha256(receipt.accessKey));
    const everything = JSON.stringify([row, await t.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, row.id)), await t.db.select().from(outbox).where(eq(outbox.complaintId, row.id))]);
    expect(everything).not.toContain(receipt.accessKey);
  });

  it("gives every complaint its own tracking code and access key", async () => {
    const a = await submit(validComplaint());
    const b = await submit(validComplaint());
    expect(a.trackingCode).not.toBe(b.trackingCode);
    expect(a.accessKey).not.toBe(b.accessKey);
  });

  it("suggests the OPD of the chosen category (ADMINDUK → DISDUKCAPIL), even if the text mentions roads", async () => {
    const receipt = await submit(validComplaint({ categoryCode: "ADMINDUK" }));
    const row = await stored(receipt.trackingCode);
    expect(row.suggestedOpdId).toBe(await opdId("DISDUKCAPIL"));
    expect(row.opdId).toBeNull(); // a suggestion only: the coordinator disposes
  });

  it("suggests an OPD from the keywords when the citizen does not know the category", async () => {
    const receipt = await submit(validComplaint({ categoryCode: "TIDAK-TAHU", title: "KTP-el belum jadi", body: "Sudah tiga bulan e-ktp saya belum jadi, kartu keluarga juga belum." }));
    const row = await stored(receipt.trackingCode);
    expect(row.suggestedOpdId).toBe(await opdId("DISDUKCAPIL"));
    const [event] = await t.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, row.id));
    expect(event!.data).toMatchObject({ route: "keyword" });
  });

  it("suggests an institution outside the city for water supply (AIR → SPAM)", async () => {
    const receipt = await submit(validComplaint({ categoryCode: "AIR", title: "Air mati tiga hari", body: "Sudah tiga hari air mati di perumahan kami tanpa pemberitahuan." }));
    const row = await stored(receipt.trackingCode);
    const [spam] = await t.db.select().from(externalInstitutions).where(eq(externalInstitutions.code, "SPAM"));
    expect(row).toMatchObject({ suggestedOpdId: null, suggestedExternalId: spam!.id });
  });

  const vague = { title: "Pertanyaan umum", body: "Saya ingin bertanya tentang hal yang tidak biasa sekali." };

  it("suggests the kecamatan office when neither category nor words point anywhere", async () => {
    const receipt = await submit(validComplaint(vague)); // Batam Kota / Baloi Permai
    expect(await stored(receipt.trackingCode)).toMatchObject({ suggestedOpdId: await opdId("KEC-BATAM-KOTA"), suggestedExternalId: null });
  });

  it("suggests nothing when neither category, words nor area point anywhere", async () => {
    const receipt = await submit(validComplaint({ ...vague, kecamatan: undefined, kelurahan: undefined }));
    expect(await stored(receipt.trackingCode)).toMatchObject({ suggestedOpdId: null, suggestedExternalId: null });
  });

  it("sets the verification deadline 3 working days ahead, skipping the weekend", async () => {
    const receipt = await submit(validComplaint(), { now: wib("2026-03-05 10:00") }); // Thursday
    const row = await stored(receipt.trackingCode);
    expect(row.verificationDue?.toISOString()).toBe(wib("2026-03-10 10:00").toISOString());
    expect(row).toMatchObject({ firstResponseDue: null, resolutionDue: null });
  });

  it("skips the holidays in the database calendar and applies a category's own verification policy", async () => {
    await t.db.insert(holidays).values({ day: "2031-03-05", name: "Uji", kind: "national" });
    await t.db.update(categories).set({ sla: { verification: 1 } }).where(eq(categories.code, "KEBAKARAN"));
    invalidateReference(t.db);
    const monday = wib("2031-03-03 10:00");
    const plain = await submit(validComplaint(), { now: monday });
    const urgent = await submit(validComplaint({ categoryCode: "KEBAKARAN" }), { now: monday });
    expect((await stored(plain.trackingCode)).verificationDue?.toISOString()).toBe(wib("2031-03-07 10:00").toISOString());
    expect((await stored(urgent.trackingCode)).verificationDue?.toISOString()).toBe(wib("2031-03-04 10:00").toISOString());
  });

  it("infers the kecamatan from the kelurahan alone", async () => {
    const receipt = await submit(validComplaint({ kecamatan: undefined, kelurahan: "Kabil" }));
    const row = await stored(receipt.trackingCode);
    const [kabil] = await t.db.select().from(kelurahan).where(and(eq(kelurahan.name, "Kabil")));
    expect(row).toMatchObject({ kelurahanId: kabil!.id, kecamatanId: await kecamatanId("Nongsa") });
  });

  it("matches category and area names regardless of case", async () => {
    const receipt = await submit(validComplaint({ categoryCode: "adminduk", kecamatan: "batam kota", kelurahan: "BALOI PERMAI" }));
    const row = await stored(receipt.trackingCode);
    expect(row.kecamatanId).toBe(await kecamatanId("Batam Kota"));
    expect(row.suggestedOpdId).toBe(await opdId("DISDUKCAPIL"));
  });

  it("does not send a complaint that came from LAPOR back to LAPOR", async () => {
    const receipt = await submit(validComplaint(), { channel: "lapor" });
    const row = await stored(receipt.trackingCode);
    expect(row.channel).toBe("lapor");
    // Only its duplicate check is queued.
    expect((await t.db.select().from(outbox).where(eq(outbox.complaintId, row.id))).map((o) => o.topic)).toEqual(["duplicates.flag"]);
  });

  it("records the staff member who entered a walk-in complaint", async () => {
    const [staff] = await t.db.insert(users).values({ email: `loket-${Date.now()}@pintu.test`, name: "Petugas", passwordHash: "x", role: "coordinator" }).returning();
    const receipt = await submit(validComplaint(), { channel: "walk_in", actor: { userId: staff!.id, role: "coordinator", address: "192.0.2.1" } });
    const row = await stored(receipt.trackingCode);
    const [event] = await t.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, row.id));
    expect(event).toMatchObject({ actorUserId: staff!.id, actorRole: "coordinator", channel: "walk_in" });
  });

  it("leaves a history that cannot be rewritten: the submit event resists UPDATE and DELETE, the complaint DELETE", async () => {
    const row = await stored((await submit(validComplaint())).trackingCode);
    const byComplaint = eq(complaintEvents.complaintId, row.id);
    await rejection(t.db.update(complaintEvents).set({ toStatus: "closed" }).where(byComplaint));
    await rejection(t.db.delete(complaintEvents).where(byComplaint));
    await rejection(t.db.delete(complaints).where(eq(complaints.id, row.id)));
    expect(await t.db.select().from(complaintEvents).where(byComplaint)).toMatchObject([{ action: "submit", toStatus: "received" }]);
    expect((await stored(row.trackingCode)).id).toBe(row.id);
  });

  it.each([
    ["an unknown category", { categoryCode: "BUKAN-KATEGORI" }, { categoryCode: ["unknownCategory"] }],
    ["an unknown kecamatan", { kecamatan: "Tanjung Pinang" }, { kecamatan: ["unknownKecamatan"] }],
    ["an unknown kelurahan", { kelurahan: "Kelurahan Fiktif" }, { kelurahan: ["unknownKelurahan"] }],
    ["a kelurahan of another kecamatan (Batam Kota / Kabil)", { kecamatan: "Batam Kota", kelurahan: "Kabil" }, { kelurahan: ["kelurahanMismatch"] }],
    ["an unknown category and an unknown kelurahan together", { categoryCode: "X", kecamatan: undefined, kelurahan: "Y" }, { categoryCode: ["unknownCategory"], kelurahan: ["unknownKelurahan"] }],
    ["a too-short title and a bad phone", { title: "abc", reporterPhone: "0812" }, { title: ["tooShort|5"], reporterPhone: ["phone"] }],
  ])("rejects %s with a ValidationError on the right field and writes nothing", async (_name, overrides, fieldErrors) => {
    const before = await countRows(t.db);
    const error = await rejection(submit(validComplaint(overrides)));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as unknown as ValidationError).status).toBe(422);
    expect((error as unknown as ValidationError).fieldErrors).toEqual(fieldErrors);
    expect(await countRows(t.db)).toEqual(before);
  });
});
