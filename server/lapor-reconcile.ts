import { and, desc, eq, isNotNull, isNull, max, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { writeAudit, type AuditActor } from "@/db/queries/audit";
import { auditLog, complaints, outbox } from "@/db/schema";
import type { ComplaintStatus } from "@/domain/complaint-status";
import { statusesAgree } from "@/domain/lapor-ops";
import type { TopicName } from "@/domain/outbox-topics";

/** Reads one complaint's status from LAPOR (null code: one LAPOR does not name); null when LAPOR does not know the id. */
type FetchLaporStatus = (laporId: string, signal: AbortSignal) => Promise<{ statusCode: number | null } | null>;
/** Pintu's references (event ids) in a LAPOR complaint's follow-ups, each with the LAPOR follow-up ids that carry it ("?" when unreadable). */
type FetchPintuRefs = (laporId: string, signal: AbortSignal) => Promise<Map<number, string[]>>;
export type LaporReader = { status: FetchLaporStatus; refs: FetchPintuRefs };

type ReconcileRow = {
  trackingCode: string;
  laporId: string;
  pintuStatus: ComplaintStatus;
  laporStatus: number | null;
  problem: "status_differs" | "status_unknown" | "missing_in_lapor" | "fetch_failed";
  /** Why a fetch failed (the adapter's message: status and kind, never a payload). */
  detail?: string;
};

export type ReconcileReport = {
  checked: number;
  /** Linked complaints not checked this time (beyond the call budget). */
  notChecked: number;
  differences: ReconcileRow[];
  /** Complaints LAPOR has not been told about yet (their "create in LAPOR" delivery still waits). */
  notYetInLapor: number;
  /**
   * LAPOR complaints holding one Pintu answer (the same `[Ref. Pintu <event>]`) more than once:
   * to be cleaned up in LAPOR by hand. Absent in reports made before this check existed.
   */
  duplicates?: DuplicateRow[];
  /** Answered complaints whose follow-ups were read for duplicates, and those beyond the budget. */
  answersChecked?: number;
  answersNotChecked?: number;
  ranAt: string;
};

type DuplicateRow = { trackingCode: string; laporId: string; eventId: number; copies: number; laporFollowupIds: string[] };

/** LAPOR calls one report may make: the page must stay quick and polite to LAPOR. */
export const RECONCILE_BUDGET = 50;

/**
 * Compares Pintu's state of linked complaints with LAPOR's, on demand, with at most `budget`
 * LAPOR calls (a few at a time): the most recently changed complaints first, since a difference
 * appears where something just happened. The report (codes and statuses only) is kept in the
 * audit log so the page can show the last one.
 */
export async function reconcile(db: Db, read: LaporReader, req: { actor: AuditActor; now: Date; budget?: number; signal?: AbortSignal }): Promise<ReconcileReport & { auditId: number }> {
  const budget = req.budget ?? RECONCILE_BUDGET;
  const linked = await db
    .select({ trackingCode: complaints.trackingCode, laporId: complaints.laporId, status: complaints.status })
    .from(complaints)
    .where(isNotNull(complaints.laporId))
    .orderBy(desc(complaints.updatedAt), desc(complaints.id))
    .limit(budget);
  const [{ total }] = (await db.select({ total: sql<number>`count(*)::int` }).from(complaints).where(isNotNull(complaints.laporId))) as [{ total: number }];
  const [{ waiting }] = (await db
    .select({ waiting: sql<number>`count(distinct ${outbox.complaintId})::int` })
    .from(outbox)
    .innerJoin(complaints, eq(complaints.id, outbox.complaintId))
    .where(and(eq(outbox.topic, "lapor.create_complaint" satisfies TopicName), ne(outbox.status, "done"), isNull(complaints.laporId)))) as [{ waiting: number }];

  const signal = req.signal ?? AbortSignal.timeout(30_000);
  const differences: ReconcileRow[] = [];
  const queue = [...linked];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const base = { trackingCode: c.trackingCode, laporId: c.laporId!, pintuStatus: c.status };
      try {
        const got = await read.status(c.laporId!, signal);
        if (!got) differences.push({ ...base, laporStatus: null, problem: "missing_in_lapor" });
        else if (got.statusCode === null) differences.push({ ...base, laporStatus: null, problem: "status_unknown" });
        else if (!statusesAgree(c.status, got.statusCode)) differences.push({ ...base, laporStatus: got.statusCode, problem: "status_differs" });
      } catch (err) {
        differences.push({ ...base, laporStatus: null, problem: "fetch_failed", detail: err instanceof Error ? err.message.slice(0, 200) : "error" });
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  differences.sort((a, b) => a.trackingCode.localeCompare(b.trackingCode));
  const answers = await duplicateAnswers(db, read.refs, budget, signal);
  const report: ReconcileReport = { checked: linked.length, notChecked: Math.max(0, total - linked.length), differences, notYetInLapor: waiting, ...answers, ranAt: req.now.toISOString() };
  const auditId = await writeAudit(db, { actor: req.actor, at: req.now, action: "lapor.reconcile", target: { kind: "lapor", id: "reconcile" }, data: report });
  return { ...report, auditId };
}

/**
 * Reads the follow-ups of the complaints Pintu answered in LAPOR most recently (at most `budget`
 * LAPOR calls, four at a time) and lists every Pintu answer LAPOR holds more than once.
 */
async function duplicateAnswers(db: Db, refs: FetchPintuRefs, budget: number, signal: AbortSignal) {
  const answered = () =>
    db
      .select({ trackingCode: complaints.trackingCode, laporId: complaints.laporId })
      .from(outbox)
      .innerJoin(complaints, eq(complaints.id, outbox.complaintId))
      .where(and(eq(outbox.topic, "lapor.followup" satisfies TopicName), eq(outbox.status, "done"), isNotNull(complaints.laporId)))
      .groupBy(complaints.id, complaints.trackingCode, complaints.laporId);
  const recent = await answered().orderBy(desc(max(outbox.doneAt)), desc(complaints.id)).limit(budget);
  const [{ total }] = (await db.select({ total: sql<number>`count(*)::int` }).from(answered().as("answered"))) as [{ total: number }];
  const duplicates: DuplicateRow[] = [];
  const queue = [...recent];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      try {
        for (const [eventId, ids] of await refs(c.laporId!, signal)) {
          if (ids.length > 1) duplicates.push({ trackingCode: c.trackingCode, laporId: c.laporId!, eventId, copies: ids.length, laporFollowupIds: ids });
        }
      } catch {
        // Unreachable or unreadable now: the status check above reports the complaint as failed.
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  duplicates.sort((a, b) => a.trackingCode.localeCompare(b.trackingCode) || a.eventId - b.eventId);
  return { duplicates, answersChecked: recent.length, answersNotChecked: Math.max(0, total - recent.length) };
}

/** The latest reconciliation report, or null when none was run. */
export async function lastReconcile(db: Db): Promise<ReconcileReport | null> {
  const [row] = await db.select({ data: auditLog.data }).from(auditLog).where(eq(auditLog.action, "lapor.reconcile")).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(1);
  return (row?.data as ReconcileReport | undefined) ?? null;
}
