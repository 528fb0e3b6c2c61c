import { and, eq, inArray, isNull, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, complaints, outbox } from "@/db/schema";
import { writeAudit, type AuditActor } from "@/db/queries/audit";
import { parseLaporExport, trackingCodeIn, type LaporRecord, type RowError } from "@/domain/lapor-import";
import type { TopicName } from "@/domain/outbox-topics";
import { ValidationError } from "@/lib/errors";
import { intakeComplaint } from "./intake";
import { mappingLookup } from "./lapor-mappings";
import { reference } from "./reference";

type ImportOutcome = { row: number; laporId: string; trackingCode: string };
export type ImportReport = {
  rows: number;
  linked: ImportOutcome[];
  created: ImportOutcome[];
  /** Already linked to the same LAPOR complaint: nothing to do (e.g. the same file imported again). */
  unchanged: ImportOutcome[];
  errors: RowError[];
};

/** The import refused the whole file (unreadable, empty, too many rows). */
export class ImportFileError extends Error {
  constructor(readonly reason: "unreadable" | "empty" | "tooManyRows" | "tooLarge") {
    super(`LAPOR import refused: ${reason}`);
  }
}

const isUniqueViolation = (err: unknown) => {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
};

/**
 * Imports a LAPOR export file (CSV or JSON). Each LAPOR complaint is matched to a Pintu complaint
 * by LAPOR id, then by LAPOR tracking id, then by a Pintu tracking code written into it when it
 * was entered by hand; a match is linked (and its waiting "create in LAPOR" delivery closed, as
 * LAPOR has it already), anything else is created through the one intake pipeline with channel
 * `lapor`. Row by row, so one bad row costs only itself; importing the same file again changes
 * nothing. The summary (codes and counts, no personal data) goes to the audit log.
 */
export async function importLaporExport(db: Db, req: { text: string; region: string; actor: AuditActor; now: Date }): Promise<ImportReport & { auditId: number }> {
  const parsed = parseLaporExport(req.text);
  if (!parsed.ok) throw new ImportFileError(parsed.error);
  const report: ImportReport = { rows: parsed.records.length + new Set(parsed.errors.map((e) => e.row)).size, linked: [], created: [], unchanged: [], errors: [...parsed.errors] };
  const maps = await mappingLookup(db);
  const ref = await reference(db);

  const ids = parsed.records.map((r) => r.record.id);
  const known = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db.select({ laporId: complaints.laporId, code: complaints.trackingCode }).from(complaints).where(inArray(complaints.laporId, ids.slice(i, i + 1000)));
    for (const r of rows) known.set(r.laporId!, r.code);
  }

  for (const { row, record } of parsed.records) {
    const already = known.get(record.id);
    if (already) {
      report.unchanged.push({ row, laporId: record.id, trackingCode: already });
      continue;
    }
    try {
      const linked = await linkExisting(db, record, req);
      if (linked) {
        report[linked.kind].push({ row, laporId: record.id, trackingCode: linked.trackingCode });
        continue;
      }
      const receipt = await intakeComplaint(db, {
        raw: intakeInput(record, maps, ref),
        channel: "lapor",
        region: req.region,
        now: req.now,
        actor: req.actor,
        auditData: { import: true, laporId: record.id },
        lapor: { laporId: record.id, trackingId: record.trackingId },
      });
      report.created.push({ row, laporId: record.id, trackingCode: receipt.trackingCode });
    } catch (err) {
      if (err instanceof ValidationError) {
        for (const [field, errors] of Object.entries(err.fieldErrors)) for (const error of errors) report.errors.push({ row, field: LAPOR_FIELD[field] ?? field, error });
      } else if (isUniqueViolation(err)) {
        // Another import (or the poller) stored this LAPOR complaint a moment ago.
        const [c] = await db.select({ code: complaints.trackingCode }).from(complaints).where(eq(complaints.laporId, record.id));
        if (c) report.unchanged.push({ row, laporId: record.id, trackingCode: c.code });
        else throw err;
      } else throw err;
    }
  }
  report.errors.sort((a, b) => a.row - b.row);
  const auditId = await writeAudit(db, { actor: req.actor, at: req.now, action: "lapor.import", target: { kind: "lapor", id: "import" }, data: summary(report) });
  return { ...report, auditId };
}

/** Intake's field names in LAPOR's terms, so row errors name the column of the file. */
const LAPOR_FIELD: Record<string, string> = {
  title: "title",
  body: "content",
  categoryCode: "category_id",
  kecamatan: "location_id",
  kelurahan: "location_id",
  incidentDate: "date_of_incident",
  reporterName: "reporter_name",
  reporterPhone: "reporter_phone",
  reporterEmail: "reporter_email",
};

/** What intake receives for a LAPOR complaint: its ids translated through the mappings. */
function intakeInput(r: LaporRecord, maps: Awaited<ReturnType<typeof mappingLookup>>, ref: Awaited<ReturnType<typeof reference>>) {
  const categoryCode = r.categoryId ? maps.category.get(r.categoryId) : undefined;
  const kelurahanId = r.locationId ? Number(maps.area.get(r.locationId)) : NaN;
  const area = ref.areas.flatMap((k) => k.kelurahan.filter((l) => l.id === kelurahanId).map((l) => ({ kecamatan: k.name, kelurahan: l.name })))[0];
  return {
    title: r.title,
    body: r.content,
    categoryCode,
    kecamatan: area?.kecamatan,
    kelurahan: area?.kelurahan,
    incidentDate: r.dateOfIncident ?? undefined,
    reporterName: r.reporter.name ?? undefined,
    reporterPhone: r.reporter.phone ?? undefined,
    reporterEmail: r.reporter.email ?? undefined,
    anonymous: r.anonymous,
    confidential: r.secret,
  };
}

/**
 * Links a LAPOR complaint to the Pintu complaint it was made from, if any. One transaction: the
 * link, the closing of a still-waiting "create in LAPOR" delivery, and the audit entry.
 */
async function linkExisting(db: Db, r: LaporRecord, req: { region: string; actor: AuditActor; now: Date }) {
  return db.transaction(async (tx) => {
    let target: { id: number; trackingCode: string; laporId: string | null } | undefined;
    if (r.trackingId) {
      [target] = await tx
        .select({ id: complaints.id, trackingCode: complaints.trackingCode, laporId: complaints.laporId })
        .from(complaints)
        .where(and(eq(complaints.laporTrackingId, r.trackingId), isNull(complaints.laporId)))
        .for("update");
    }
    const code = target ? null : trackingCodeIn(`${r.title}\n${r.content}`, req.region);
    if (code) {
      [target] = await tx
        .select({ id: complaints.id, trackingCode: complaints.trackingCode, laporId: complaints.laporId })
        .from(complaints)
        .where(eq(complaints.trackingCode, code))
        .for("update");
      if (target && target.laporId !== null) throw new ValidationError({ content: [`codeLinkedElsewhere|${target.trackingCode}`] });
    }
    if (!target) return null;
    await tx.update(complaints).set({ laporId: r.id, laporTrackingId: r.trackingId ?? undefined }).where(eq(complaints.id, target.id));
    const closed = await tx
      .update(outbox)
      .set({ status: "done", deliveredVia: "manual", doneAt: req.now, lastError: null, result: { linkedByImport: { laporId: r.id, userId: req.actor.userId } } })
      .where(and(eq(outbox.complaintId, target.id), eq(outbox.topic, "lapor.create_complaint" satisfies TopicName), ne(outbox.status, "done")))
      .returning({ id: outbox.id });
    await writeAudit(tx, {
      actor: req.actor,
      at: req.now,
      action: "lapor.link",
      complaintId: target.id,
      target: { kind: "complaint", id: target.trackingCode },
      before: { laporId: target.laporId },
      after: { laporId: r.id },
      data: { closedOutbox: closed.map((c) => c.id) },
    });
    return { kind: "linked" as const, trackingCode: target.trackingCode };
  });
}

const CAP = 500;
/** The report as kept in the audit log: counts, and the first rows of each list. */
function summary(r: ImportReport): Record<string, unknown> {
  return {
    rows: r.rows,
    counts: { linked: r.linked.length, created: r.created.length, unchanged: r.unchanged.length, errors: r.errors.length },
    linked: r.linked.slice(0, CAP),
    created: r.created.slice(0, CAP),
    unchanged: r.unchanged.slice(0, CAP),
    errors: r.errors.slice(0, CAP),
  };
}

/** A stored import report, for the page that shows it after the upload. */
export async function importReport(db: Db, auditId: number) {
  const [row] = await db
    .select({ at: auditLog.at, data: auditLog.data })
    .from(auditLog)
    .where(and(eq(auditLog.id, auditId), eq(auditLog.action, "lapor.import")));
  return row ? { at: row.at, ...(row.data as ReturnType<typeof summary> as { rows: number; counts: Record<"linked" | "created" | "unchanged" | "errors", number> } & Pick<ImportReport, "linked" | "created" | "unchanged" | "errors">) } : null;
}
