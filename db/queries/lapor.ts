import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { laporMappings, laporQuarantine } from "@/db/schema-lapor";

export type MappingKind = (typeof laporMappings.$inferSelect)["kind"];

/** Keeps an unreadable LAPOR payload; the same payload seen again is not stored twice. */
export async function quarantinePayload(db: Db, p: { source: string; adapterVersion: string; reason: string; raw: string; fingerprint: string }): Promise<boolean> {
  const rows = await db.insert(laporQuarantine).values(p).onConflictDoNothing({ target: laporQuarantine.fingerprint }).returning({ id: laporQuarantine.id });
  return rows.length > 0;
}

/** Both directions of one kind of mapping, for translating a batch. */
export async function loadMappings(db: Db, kind: MappingKind): Promise<{ toLapor: Map<string, string>; fromLapor: Map<string, string> }> {
  const rows = await db.select({ localCode: laporMappings.localCode, laporId: laporMappings.laporId }).from(laporMappings).where(eq(laporMappings.kind, kind));
  return { toLapor: new Map(rows.map((r) => [r.localCode, r.laporId])), fromLapor: new Map(rows.map((r) => [r.laporId, r.localCode])) };
}

/** LAPOR's id for one local code, or null when unmapped. */
export async function laporIdFor(db: Db, kind: MappingKind, localCode: string): Promise<string | null> {
  const [row] = await db.select({ laporId: laporMappings.laporId }).from(laporMappings).where(and(eq(laporMappings.kind, kind), eq(laporMappings.localCode, localCode)));
  return row?.laporId ?? null;
}
