import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { writeAudit, type AuditActor } from "@/db/queries/audit";
import { users } from "@/db/schema";
import { directoryVersions, type DirectoryEntity } from "@/db/schema-directory";
import { changedFields } from "@/domain/directory";

export type Change = "create" | "update" | "deactivate" | "activate" | "merge";
export type Snapshot = Record<string, unknown>;

/**
 * Records one change of a directory row, in the caller's transaction: a new version of the row
 * (the first time a seeded row changes, its state before is kept as version 1, "initial") and
 * the audit row with before and after (the one audit writer). Every directory write goes through here.
 */
export async function recordChange(
  tx: Db,
  c: { entity: DirectoryEntity; id: number; change: Change; before: Snapshot | null; after: Snapshot; actor: AuditActor; now: Date },
): Promise<void> {
  const [last] = await tx
    .select({ version: directoryVersions.version })
    .from(directoryVersions)
    .where(and(eq(directoryVersions.entity, c.entity), eq(directoryVersions.entityId, c.id)))
    .orderBy(desc(directoryVersions.version))
    .limit(1);
  let version = last?.version ?? 0;
  if (!last && c.before) {
    version = 1;
    await tx.insert(directoryVersions).values({ entity: c.entity, entityId: c.id, version, change: "initial", data: c.before, at: c.now, userId: null });
  }
  await tx.insert(directoryVersions).values({ entity: c.entity, entityId: c.id, version: version + 1, change: c.change, data: c.after, at: c.now, userId: c.actor.userId });
  await writeAudit(tx, {
    actor: c.actor,
    at: c.now,
    action: `directory.${c.entity}.${c.change}`,
    target: { kind: c.entity, id: c.id },
    before: c.before,
    after: c.after,
    data: { version: version + 1, fields: changedFields(c.before, c.after) },
  });
}

export type HistoryEntry = { version: number; change: string; at: Date; by: string | null; data: Snapshot; fields: string[] };

/** A row's versions, newest first, each with the fields it changed against the one before. */
export async function listHistory(db: Db, entity: DirectoryEntity, id: number): Promise<HistoryEntry[]> {
  const rows = await db
    .select({ version: directoryVersions.version, change: directoryVersions.change, at: directoryVersions.at, by: users.name, data: directoryVersions.data })
    .from(directoryVersions)
    .leftJoin(users, eq(users.id, directoryVersions.userId))
    .where(and(eq(directoryVersions.entity, entity), eq(directoryVersions.entityId, id)))
    .orderBy(sql`${directoryVersions.version} asc`);
  const out: HistoryEntry[] = rows.map((r, i) => ({ ...r, fields: i === 0 ? [] : changedFields(rows[i - 1]!.data, r.data) }));
  return out.reverse();
}

/** Earlier names of a row (oldest first), for "dahulu: …" next to a renamed OPD, category or area. */
export function formerNames(history: HistoryEntry[]): string[] {
  const current = history[0]?.data.name;
  const names: string[] = [];
  for (const h of [...history].reverse()) {
    const n = h.data.name;
    if (typeof n === "string" && n !== current && !names.includes(n)) names.push(n);
  }
  return names;
}
