import { and, count, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, complaintEvents, complaints, kelurahan, outbox, users } from "@/db/schema";
import { countRows, testDatabases, type TestDatabase } from "@/test/databases";
import { validComplaint, wib, testActor } from "@/test/fixtures";
import { intakeComplaint } from "./intake";
import { buildExport } from "./lapor-export";
import { ImportFileError, importLaporExport, importReport } from "./lapor-import";
import { setMapping } from "./lapor-mappings";
import { invalidateReference } from "./reference";

const NOW = wib("2026-03-02 10:00");
const uid = () => Math.random().toString(36).slice(2, 10);

describe.each(testDatabases())("importing a LAPOR export on $name", (backend) => {
  let h: TestDatabase;
  let user: { id: number; role: "coordinator" };
  beforeAll(async () => {
    h = await backend.open();
    const [u] = await h.db.insert(users).values({ email: "k@x", name: "Koordinator", role: "coordinator", passwordHash: "x" }).returning({ id: users.id });
    user = { id: u!.id, role: "coordinator" };
  });
  afterAll(() => h?.dispose());

  const importText = (text: string) => importLaporExport(h.db, { text, region: "BTM", actor: testActor(user.id, user.role), now: NOW });
  const laporComplaint = (over: Record<string, unknown> = {}) => ({
    id: `L${uid()}`,
    tracking_id: `T${uid()}`,
    title: "Lampu jalan mati di Jalan Ahmad Yani",
    content: "Sudah dua minggu lampu penerangan jalan di depan ruko mati, rawan kecelakaan malam hari.",
    category_id: null,
    location_id: null,
    date_of_incident: "20-02-2026 00:00:00",
    is_anonymous: 0,
    is_secret: 0,
    reporter: { name: "Budi", phone: "081234567891", email: null },
    status_code: 2,
    ...over,
  });

  it("links, creates and reports bad rows; the same file again changes nothing", async () => {
    // A complaint received on the web and entered in LAPOR by hand from the export (content keeps its Pintu code).
    const local = await intakeComplaint(h.db, { raw: validComplaint(), channel: "web", region: "BTM", now: NOW });
    const exported = (await buildExport(h.db, (k) => k)).find((r) => r.trackingCode === local.trackingCode)!;
    // A complaint LAPOR told us its tracking id for, but whose LAPOR id we never learnt.
    const known = await intakeComplaint(h.db, { raw: validComplaint(), channel: "web", region: "BTM", now: NOW });
    await h.db.update(complaints).set({ laporTrackingId: "TRK-KNOWN-1" }).where(eq(complaints.trackingCode, known.trackingCode));
    await setMapping(h.db, { kind: "category", localCode: "JALAN", laporId: "55", actor: testActor(user.id, "admin"), now: NOW });
    const [kel] = await h.db.select({ id: kelurahan.id }).from(kelurahan).where(eq(kelurahan.name, "Belian"));
    await setMapping(h.db, { kind: "area", localCode: String(kel!.id), laporId: "LOC-9", actor: testActor(user.id, "admin"), now: NOW });
    invalidateReference(h.db);

    const rows = [
      laporComplaint({ title: exported.title, content: exported.content }),
      laporComplaint({ tracking_id: "TRK-KNOWN-1" }),
      laporComplaint({ location_id: "LOC-9", category_id: 55, is_anonymous: 1, is_secret: true }),
      laporComplaint({ content: "pendek" }),
      laporComplaint({ id: "bad id!" }),
    ];
    const text = JSON.stringify({ results: { data: rows } });
    const before = await countRows(h.db);
    const first = await importText(text);
    expect(first.rows).toBe(5);
    expect(first.linked.map((l) => [l.row, l.trackingCode])).toEqual([
      [1, local.trackingCode],
      [2, known.trackingCode],
    ]);
    expect(first.created.map((c) => c.row)).toEqual([3]);
    expect(first.errors).toEqual([
      { row: 4, field: "content", error: "tooShort|20" },
      { row: 5, field: "id", error: "laporIdFormat" },
    ]);
    // The created complaint is not sent back to LAPOR; only its duplicate check is queued.
    expect(await countRows(h.db)).toMatchObject({ complaints: before.complaints + 1, events: before.events + 1, outbox: before.outbox + 1 });

    const [linked] = await h.db.select().from(complaints).where(eq(complaints.trackingCode, local.trackingCode));
    expect(linked).toMatchObject({ laporId: rows[0]!.id, laporTrackingId: rows[0]!.tracking_id, channel: "web" });
    // LAPOR has it already: the worker must not create it a second time.
    const [create] = await h.db.select().from(outbox).where(and(eq(outbox.complaintId, linked!.id), eq(outbox.topic, "lapor.create_complaint")));
    expect(create).toMatchObject({ status: "done", deliveredVia: "manual" });

    const [created] = await h.db.select().from(complaints).where(eq(complaints.laporId, rows[2]!.id as string));
    expect(created).toMatchObject({ channel: "lapor", laporTrackingId: rows[2]!.tracking_id, anonymous: true, confidential: true, kelurahanId: kel!.id, categoryId: expect.any(Number), incidentDate: "2026-02-20", reporterPhone: "+6281234567891" });
    const events = await h.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, created!.id));
    expect(events).toEqual([expect.objectContaining({ action: "submit", channel: "lapor", actorUserId: user.id, actorRole: "coordinator" })]);
    // A complaint that came from LAPOR is not sent back to LAPOR.
    expect(await h.db.select().from(outbox).where(and(eq(outbox.complaintId, created!.id), like(outbox.topic, "lapor.%")))).toEqual([]);

    const second = await importText(text);
    expect(second.linked).toEqual([]);
    expect(second.created).toEqual([]);
    expect(second.unchanged.map((u) => u.row)).toEqual([1, 2, 3]);
    expect(second.errors).toHaveLength(2);
    // The created complaint is not sent back to LAPOR; only its duplicate check is queued.
    expect(await countRows(h.db)).toMatchObject({ complaints: before.complaints + 1, events: before.events + 1, outbox: before.outbox + 1 });

    const stored = await importReport(h.db, second.auditId);
    expect(stored).toMatchObject({ rows: 5, counts: { linked: 0, created: 0, unchanged: 3, errors: 2 } });
    // The audit entry holds codes and counts, never the reporter's identity.
    const [audit] = await h.db.select().from(auditLog).where(eq(auditLog.id, first.auditId));
    expect(JSON.stringify(audit!.data)).not.toMatch(/Budi|81234567891/);
  }, 120_000); // a dozen transactions: slow only on a machine busy with other work

  it("reads a CSV export with semicolons, a BOM and quoted newlines", async () => {
    const a = laporComplaint();
    const csv = [
      "\uFEFFid;tracking_id;title;content;is_anonymous;is_secret;reporter_name;reporter_phone;status_code",
      `${a.id};${a.tracking_id};"Sampah menumpuk; bau";"Sampah di TPS Belian tidak diangkut\nsejak Senin, baunya sampai ke rumah warga.";0;0;Rina;;1`,
    ].join("\r\n");
    const report = await importText(csv);
    expect(report.errors).toEqual([]);
    expect(report.created).toHaveLength(1);
    const [c] = await h.db.select().from(complaints).where(eq(complaints.laporId, a.id));
    expect(c).toMatchObject({ title: "Sampah menumpuk; bau", reporterName: "Rina", channel: "lapor" });
    expect(c!.body).toContain("\nsejak Senin");
  });

  it("refuses a file it cannot read as a whole, writing nothing", async () => {
    const before = await countRows(h.db);
    for (const [text, reason] of [
      ["", "empty"],
      ["{ not json", "unreadable"],
      ['{"foo": 1}', "unreadable"],
      ["[]", "empty"],
    ] as const) {
      await expect(importText(text)).rejects.toEqual(new ImportFileError(reason));
    }
    expect(await countRows(h.db)).toEqual(before);
    const [{ n }] = (await h.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, "lapor.import"))) as [{ n: number }];
    expect(n).toBe(3);
  });
});
