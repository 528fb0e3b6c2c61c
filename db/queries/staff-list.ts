import { and, asc, desc, eq, gt, sql, type SQL } from "drizzle-orm";
import { COMPLAINT_STATUSES, type Channel, type ComplaintStatus, type Role } from "@/domain/complaint-status";
import type { Cursor, ListFlag, ListSort, PageRequest, SlaFilter } from "@/domain/list-filter";
import { LIST_CLOCK_STATUSES } from "@/domain/list-clock";
import { listRowFor } from "@/domain/reporter-text";
import type { Db } from "@/db/client";
import { complaints } from "@/db/schema";
import { rowsOf } from "@/db/raw";
import { suspectedDuplicateCode } from "./duplicates";
import { listFrom } from "./staff-complaints";

const LIST_PAGE_SIZE = 25;
/**
 * Counts stop here ("Lebih dari 1.000 aduan"): past a thousand the exact number is not worth
 * reading every matching row of a million (a page of the list itself reads 26).
 */
const COUNT_CAP = 1_000;

/** "Sedang berjalan": statuses in which someone still has to act (responded waits for the reporter). */
export const WORKING_STATUSES: readonly ComplaintStatus[] = ["received", "disposed", "in_progress", "awaiting_reporter"];

/** What a list is narrowed to, with codes already resolved to ids (server/staff-list.ts). */
export type ListWhere = {
  /** An OPD role's own OPD (forced by the caller, never from the URL). */
  scopeOpdId?: number;
  statuses: readonly ComplaintStatus[] | null;
  channel?: Channel;
  categoryId?: number;
  kecamatanId?: number;
  opdId?: number;
  createdFrom?: Date;
  createdBefore?: Date;
  flags: readonly ListFlag[];
  sla?: SlaFilter;
  assignedTo?: number;
  /** The search's match (identifier, contact or words). */
  match?: SQL;
};

/**
 * The deadline a list shows and sorts by: the citizen's resolution deadline once disposed, the
 * verification deadline before; none sorts last (infinity). The same expression as the
 * `complaints_list_deadline_*` indexes (migration 0024), so the planner reads pages off them.
 */
const DEADLINE_SQL = sql`coalesce(${complaints.resolutionDue}, ${complaints.verificationDue}, 'infinity'::timestamptz)`;
const RISK_AT_SQL = sql`coalesce(${complaints.resolutionRiskAt}, ${complaints.verificationRiskAt})`;


/** A moment as a parameter both drivers take in raw SQL (postgres.js wants text there). */
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

function flagSql(flag: ListFlag): SQL {
  switch (flag) {
    case "anonymous":
      return eq(complaints.anonymous, true);
    case "confidential":
      return eq(complaints.confidential, true);
    case "returned":
      return gt(complaints.bounceCount, 0);
    case "reopened":
      return sql`${complaints.resolutionStartedAt} > ${complaints.firstDisposedAt}`;
    case "duplicate":
      // The column first: only the few suspected rows (a partial index) run the check of the other.
      return sql`${complaints.suspectedDuplicateOfId} is not null and ${suspectedDuplicateCode} is not null`;
  }
}

/**
 * The status condition with the statuses written out (they come from the fixed list, never from
 * the URL as text), so that the planner can match the partial indexes' predicates on every plan.
 */
function statusSql(statuses: readonly ComplaintStatus[] | null): SQL | undefined {
  if (statuses === null) return undefined;
  const known = statuses.filter((s) => (COMPLAINT_STATUSES as readonly string[]).includes(s));
  if (known.length === 0) return sql`false`;
  return sql`${complaints.status} in (${sql.raw(known.map((s) => `'${s}'`).join(", "))})`;
}

function whereSql(w: ListWhere, now: Date): SQL | undefined {
  // A deadline filter applies only where the clock runs: one status list, the intersection (two
  // lists side by side made the planner multiply their selectivities, expect 89 late complaints
  // where there were 6,462, and sort them all instead of reading the first page off the index).
  const statuses = w.sla ? (w.statuses ?? COMPLAINT_STATUSES).filter((s) => LIST_CLOCK_STATUSES.includes(s)) : w.statuses;
  return and(
    w.scopeOpdId !== undefined ? eq(complaints.opdId, w.scopeOpdId) : undefined,
    statusSql(statuses),
    w.channel ? eq(complaints.channel, w.channel) : undefined,
    w.categoryId !== undefined ? eq(complaints.categoryId, w.categoryId) : undefined,
    w.kecamatanId !== undefined ? eq(complaints.kecamatanId, w.kecamatanId) : undefined,
    w.opdId !== undefined ? eq(complaints.opdId, w.opdId) : undefined,
    w.createdFrom ? sql`${complaints.createdAt} >= ${ts(w.createdFrom)}` : undefined,
    w.createdBefore ? sql`${complaints.createdAt} < ${ts(w.createdBefore)}` : undefined,
    ...w.flags.map(flagSql),
    w.sla === "breached" ? sql`${DEADLINE_SQL} < ${ts(now)}` : undefined,
    w.sla === "at_risk" ? and(sql`${DEADLINE_SQL} >= ${ts(now)}`, sql`${RISK_AT_SQL} <= ${ts(now)}`) : undefined,
    w.assignedTo !== undefined ? eq(complaints.assignedUserId, w.assignedTo) : undefined,
    w.match,
  );
}

/** The sort key of each order (µs since the epoch in cursors, exact: timestamptz has µs). */
const KEY: Record<ListSort, SQL> = { deadline: DEADLINE_SQL, age: sql`${complaints.createdAt}`, newest: sql`${complaints.createdAt}` };
const ASCENDING: Record<ListSort, boolean> = { deadline: true, age: true, newest: false };
const keyMicros = (key: SQL) => sql<string | null>`case when ${key} = 'infinity' then null else (extract(epoch from ${key}) * 1000000)::bigint::text end`;
/**
 * The received time as an expression no index serves: for a small match (a rare word) the
 * planner then reads the matches off the search index and sorts them, instead of walking the
 * whole `created_at` index newest first looking for a word that is hardly there.
 */
const UNINDEXED_CREATED = sql`(${complaints.createdAt} + interval '0 second')`;
const keyValue = (c: Cursor) => (c.key === null ? sql`'infinity'::timestamptz` : sql`(timestamptz 'epoch' + ${c.key}::float8 * interval '1 microsecond')`);

export type ListPage<Row> = { rows: Row[]; total: number; capped: boolean; next: Cursor | null; prev: Cursor | null };

/**
 * One page of a staff list: the rows (as `role` may see them), the total (up to COUNT_CAP) and
 * cursors for the next and previous pages (keyset: a page is found by where the last one ended,
 * so page 400 costs what page 1 does and nothing is skipped or shown twice while rows move).
 */
export async function listPage(
  db: Db,
  args: { where: ListWhere; sort: ListSort; page: PageRequest; role: Role; now: Date; size?: number; /** false: no count (total = this page, capped when there is more) */ count?: boolean; countFirst?: boolean },
) {
  const size = args.size ?? LIST_PAGE_SIZE;
  const where = whereSql(args.where, args.now);
  const count = async () =>
    rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from (select 1 from ${complaints} where ${where ?? sql`true`} limit ${COUNT_CAP + 1}) s`))[0]?.n ?? 0;
  // Counted first when asked (search matches): a small result is then read without the date index.
  const counted = args.countFirst ? await count() : null;
  const many = counted !== null && counted > COUNT_CAP;
  const key = counted !== null && !many && args.sort !== "deadline" ? UNINDEXED_CREATED : KEY[args.sort];
  const asc_ = ASCENDING[args.sort];
  const backward = args.page.before !== undefined;
  const cursor = args.page.after ?? args.page.before;
  // Walking forward in an ascending list, or backward in a descending one, reads upwards.
  const upwards = asc_ !== backward;
  const keyed = cursor ? sql`(${key}, ${complaints.id}) ${sql.raw(upwards ? ">" : "<")} (${keyValue(cursor)}, ${cursor.id})` : undefined;
  const dir = upwards ? asc : desc;
  const read = (d: Db) =>
    listFrom(d, { sortKey: keyMicros(key), duplicateOf: suspectedDuplicateCode })
      .where(and(where, keyed))
      .orderBy(dir(key), dir(complaints.id))
      .limit(size + 1);
  // More than COUNT_CAP matches: the next 26 lie within about (rows / COUNT_CAP) × 26 rows of the
  // sort's own index (an OPD's rows on (opd_id, created_at)), so the page walks it. The planner
  // cannot know that (it takes words and an OPD to be independent, and they are not) and would
  // read every match off the search index and sort tens of thousands of rows: bitmap scans are
  // switched off for this one statement.
  const found = many
    ? await db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_bitmapscan = off`);
        return read(tx);
      })
    : await read(db);
  const more = found.length > size;
  const rows = found.slice(0, size);
  if (backward) rows.reverse();
  // A first page that is not full is the whole list: its count is free.
  let total = rows.length;
  let capped = more;
  if (args.count !== false && (counted !== null || cursor !== undefined || more)) {
    const n = counted ?? (await count());
    total = Math.min(n, COUNT_CAP);
    capped = n > COUNT_CAP;
  }
  const cursorOf = (r: (typeof rows)[number]): Cursor => ({ key: r.sortKey === null ? null : Number(r.sortKey), id: r.id });
  return {
    rows: rows.map((r) => listRowFor(args.role, r)),
    total,
    capped,
    next: rows.length > 0 && (backward || more) ? cursorOf(rows.at(-1)!) : null,
    prev: rows.length > 0 && (backward ? more : cursor !== undefined) ? cursorOf(rows[0]!) : null,
  };
}

export type ListRow = Awaited<ReturnType<typeof listPage>>["rows"][number];
