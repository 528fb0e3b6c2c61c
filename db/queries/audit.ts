import { and, asc, desc, eq, gte, like, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, complaints, users } from "@/db/schema";

/**
 * Who did it: the staff member (null for a script run by an operator), the role they acted in
 * ("cli" for a script) and the client address of the request ("unknown" when not known).
 */
export type AuditActor = { userId: number | null; role: string; address: string };

/** A script run by an operator on the server (`npm run user:create`, …). */
export const CLI_ACTOR: AuditActor = { userId: null, role: "cli", address: "cli" };

export type AuditEntry = {
  actor: AuditActor;
  /** What was done, `<area>.<verb>` (e.g. "user.create", "calendar.remove", "complaint.dispose"). */
  action: string;
  /** The complaint it concerns, when it concerns one (the audit screen links to it). */
  complaintId?: number | null;
  /** What was changed or read, when not (only) a complaint: the audit screen links to it. */
  target?: { kind: string; id: string | number } | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Anything else worth keeping (counts, ids). */
  data?: Record<string, unknown> | null;
  at?: Date;
};

/** Keys never kept in the audit log, at any depth: secrets stay out of before/after/data. */
const SECRET_KEY = /pass(word)?|secret|token|hash|access_?key|api_?key|otp|cookie|session/i;

/** A copy of `value` with every secret-looking key's value replaced by "[secret]". */
function withoutSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => withoutSecrets(v)) as T;
  if (value instanceof Date) return value;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? "[secret]" : withoutSecrets(v)])) as T;
  }
  return value;
}

/**
 * THE audit writer: every staff write records itself through this, exactly once, in the same
 * transaction as the change (pass the transaction). Nothing else inserts into `audit_log`
 * (server/audit-completeness.test.ts checks both). Returns the row's id.
 */
export async function writeAudit(db: Db, e: AuditEntry): Promise<number> {
  const [row] = await db
    .insert(auditLog)
    .values({
      ...(e.at ? { at: e.at } : {}),
      userId: e.actor.userId,
      actorRole: e.actor.role,
      address: e.actor.address.slice(0, 100),
      action: e.action,
      complaintId: e.complaintId ?? null,
      targetKind: e.target?.kind ?? null,
      targetId: e.target ? String(e.target.id) : null,
      before: e.before ? withoutSecrets(e.before) : null,
      after: e.after ? withoutSecrets(e.after) : null,
      data: e.data ? withoutSecrets(e.data) : null,
    })
    .returning({ id: auditLog.id });
  return row!.id;
}

/** True when `revealId` is this user's own reveal of this complaint's identity, made in the last 10 minutes. */
export async function revealIsValid(db: Db, revealId: number, userId: number, complaintId: number, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ at: auditLog.at })
    .from(auditLog)
    .where(and(eq(auditLog.id, revealId), eq(auditLog.userId, userId), eq(auditLog.complaintId, complaintId), eq(auditLog.action, "reveal_identity")));
  return !!row && now.getTime() - row.at.getTime() < 10 * 60_000;
}

/** What the audit screen filters by; every field optional. `from`/`to` are instants. */
export type AuditFilter = {
  userId?: number;
  role?: string;
  /** Action-name LIKE patterns (domain/audit-view.ts kindPatterns). */
  actions?: string[];
  complaintId?: number;
  from?: Date;
  to?: Date;
  /** Words to find in the details (full text, all of them). */
  text?: string;
};

/** A position in the newest-first order: (at in microseconds since 1970, id). */
export type AuditCursor = { atMicros: string; id: number };

function auditWhere(f: AuditFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [
    f.userId !== undefined ? eq(auditLog.userId, f.userId) : undefined,
    f.role ? sql`coalesce(${auditLog.actorRole}, ${users.role}::text) = ${f.role}` : undefined,
    f.actions?.length ? or(...f.actions.map((p) => (p.includes("%") ? like(auditLog.action, p) : eq(auditLog.action, p)))) : undefined,
    f.complaintId !== undefined ? eq(auditLog.complaintId, f.complaintId) : undefined,
    f.from ? gte(auditLog.at, f.from) : undefined,
    f.to ? lt(auditLog.at, f.to) : undefined,
    f.text ? sql`${auditLog.searchVector} @@ plainto_tsquery('simple', ${f.text})` : undefined,
  ];
  return and(...parts.filter((p): p is SQL => p !== undefined));
}

const auditColumns = {
  id: auditLog.id,
  at: auditLog.at,
  /** The instant to the microsecond, for an exact keyset cursor. */
  atMicros: sql<string>`(extract(epoch from ${auditLog.at}) * 1000000)::bigint::text`,
  action: auditLog.action,
  userId: auditLog.userId,
  userName: users.name,
  userEmail: users.email,
  actorRole: sql<string | null>`coalesce(${auditLog.actorRole}, ${users.role}::text)`,
  address: auditLog.address,
  targetKind: auditLog.targetKind,
  targetId: auditLog.targetId,
  before: auditLog.before,
  after: auditLog.after,
  data: auditLog.data,
  trackingCode: complaints.trackingCode,
  // Only to redact an anonymous reporter's identity out of the details (reporterTextFor).
  anonymous: complaints.anonymous,
  reporterName: complaints.reporterName,
  reporterPhone: complaints.reporterPhone,
  reporterEmail: complaints.reporterEmail,
  reporterNik: complaints.reporterNik,
};

/**
 * One page of the audit log, newest first, by keyset: `after` continues past a row (next page),
 * `before` goes back towards newer rows (previous page). Returns the rows newest first and
 * whether there are more in each direction.
 */
export async function auditPage(db: Db, f: AuditFilter, page: { after?: AuditCursor; before?: AuditCursor; limit: number }) {
  const back = !!page.before && !page.after;
  const cursor = page.after ?? page.before;
  const keyset = cursor
    ? back
      ? sql`(${auditLog.at}, ${auditLog.id}) > (timestamptz 'epoch' + ${cursor.atMicros}::bigint * interval '1 microsecond', ${cursor.id})`
      : sql`(${auditLog.at}, ${auditLog.id}) < (timestamptz 'epoch' + ${cursor.atMicros}::bigint * interval '1 microsecond', ${cursor.id})`
    : undefined;
  const rows = await db
    .select(auditColumns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .leftJoin(complaints, eq(complaints.id, auditLog.complaintId))
    .where(and(auditWhere(f), keyset))
    .orderBy(...(back ? [asc(auditLog.at), asc(auditLog.id)] : [desc(auditLog.at), desc(auditLog.id)]))
    .limit(page.limit + 1);
  const more = rows.length > page.limit;
  const list = rows.slice(0, page.limit);
  if (back) list.reverse();
  return { rows: list, hasOlder: back ? !!cursor : more, hasNewer: back ? more : !!page.after };
}
export type AuditRow = Awaited<ReturnType<typeof auditPage>>["rows"][number];

/** How many rows match the filter (the screen's total). */
export async function auditCount(db: Db, f: AuditFilter): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(auditWhere(f));
  return Number(row?.n ?? 0);
}

/** Every account that appears in the audit log, for the "who" filter. */
export function auditActors(db: Db) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(sql`exists (select 1 from ${auditLog} where ${auditLog.userId} = ${users.id})`)
    .orderBy(asc(users.name), asc(users.id));
}

/** A complaint's id by its tracking code, for the filter. */
export async function complaintIdByCode(db: Db, code: string): Promise<number | null> {
  const [c] = await db.select({ id: complaints.id }).from(complaints).where(eq(complaints.trackingCode, code));
  return c?.id ?? null;
}
