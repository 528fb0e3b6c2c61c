import { sql } from "drizzle-orm";
import type { NotifyEmailMode } from "@/db/schema";
import type { Db } from "@/db/client";

// No "server-only" here: the worker (`npm run worker`) runs this in a plain Node process.

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []));

/**
 * Whether staff member `u` may see notification `n`, in SQL over the rows `u` (users) and `n`
 * (staff_notifications) — the rule of `visibleTo` (./notifications.ts) for many readers at once;
 * notifications.test.ts checks that both agree.
 */
const VISIBLE = sql.raw(`(
  (n.user_id = u.id or (n.user_id is null and (n.role is null or n.role = u.role)
     and (case when u.opd_id is null then n.opd_id is null else (n.opd_id is null or n.opd_id = u.opd_id) end)))
  and (u.opd_id is null or n.complaint_id is null
     or exists (select 1 from complaints sc where sc.id = n.complaint_id and sc.opd_id = u.opd_id)))`);

/** Active staff with `mode` who may see notification `id` (not `exceptUserId`, who caused it). */
export async function mailRecipients(db: Db, id: number, mode: NotifyEmailMode, exceptUserId: number | null) {
  return rowsOf<{ id: number }>(
    await db.execute(sql`
      select u.id from staff_notifications n join users u on u.active and u.notify_email = ${mode}
      where n.id = ${id} and u.id is distinct from ${exceptUserId} and ${VISIBLE}
      order by u.id`),
  ).map((r) => Number(r.id));
}

/** Whether user `userId` may see notification `id` (checked again at send time). */
export async function mayMail(db: Db, id: number, userId: number): Promise<boolean> {
  const rows = rowsOf<{ one: number }>(await db.execute(sql`select 1 as one from staff_notifications n join users u on u.id = ${userId} and u.active where n.id = ${id} and ${VISIBLE}`));
  return rows.length > 0;
}

export type MailNotification = { id: number; kind: string; createdAt: Date; data: Record<string, unknown> };

/** The notifications `userId` may see, has not read, created in [since, until), oldest first (at most 200). */
export async function unreadFor(db: Db, userId: number, since: Date, until: Date): Promise<MailNotification[]> {
  const rows = rowsOf<{ id: number | string; kind: string; created_at: Date | string; data: Record<string, unknown> }>(
    await db.execute(sql`
      select n.id, n.kind, n.created_at, n.data from staff_notifications n join users u on u.id = ${userId} and u.active
      where n.created_at >= ${since.toISOString()}::timestamptz and n.created_at < ${until.toISOString()}::timestamptz and ${VISIBLE}
        and not exists (select 1 from notification_reads r where r.notification_id = n.id and r.user_id = u.id)
      order by n.created_at, n.id limit 200`),
  );
  return rows.map((r) => ({ id: Number(r.id), kind: r.kind, createdAt: new Date(r.created_at), data: r.data }));
}

/** One notification by id. */
export async function notificationById(db: Db, id: number): Promise<MailNotification | null> {
  const [r] = rowsOf<{ id: number | string; kind: string; created_at: Date | string; data: Record<string, unknown> }>(
    await db.execute(sql`select id, kind, created_at, data from staff_notifications where id = ${id}`),
  );
  return r ? { id: Number(r.id), kind: r.kind, createdAt: new Date(r.created_at), data: r.data } : null;
}

/** Staff who chose the daily digest. */
export async function digestUsers(db: Db): Promise<number[]> {
  return rowsOf<{ id: number }>(await db.execute(sql`select id from users where active and notify_email = 'daily' order by id`)).map((r) => Number(r.id));
}

/** Name and address of a staff member. */
export async function staffAddress(db: Db, userId: number): Promise<{ name: string; email: string; mode: NotifyEmailMode } | null> {
  const [r] = rowsOf<{ name: string; email: string; notify_email: NotifyEmailMode }>(await db.execute(sql`select name, email, notify_email from users where id = ${userId} and active`));
  return r ? { name: r.name, email: r.email, mode: r.notify_email } : null;
}
