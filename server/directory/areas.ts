import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { AuditActor } from "@/db/queries/audit";
import { kecamatan, kelurahan } from "@/db/schema";
import { collectFieldErrors } from "@/domain/complaint-input";
import { areaNameSchema } from "@/domain/directory";
import { ValidationError, notFound } from "@/lib/errors";
import { invalidateReference } from "@/server/reference";
import { recordChange } from "./history";

type Actor = { actor: AuditActor; now: Date };
export type AreaLevel = "kecamatan" | "kelurahan";

type KelurahanEntry = { id: number; name: string; active: boolean; mergedIntoId: number | null };
export type KecamatanEntry = KelurahanEntry & { kelurahan: KelurahanEntry[] };

/** Every kecamatan with every kelurahan, inactive and merged ones included. */
export async function listAreaDirectory(db: Db): Promise<KecamatanEntry[]> {
  const [kecs, kels] = await Promise.all([
    db.select({ id: kecamatan.id, name: kecamatan.name, active: kecamatan.active, mergedIntoId: kecamatan.mergedIntoId }).from(kecamatan).orderBy(asc(kecamatan.name)),
    db
      .select({ id: kelurahan.id, kecamatanId: kelurahan.kecamatanId, name: kelurahan.name, active: kelurahan.active, mergedIntoId: kelurahan.mergedIntoId })
      .from(kelurahan)
      .orderBy(asc(kelurahan.name)),
  ]);
  return kecs.map((k) => ({ ...k, kelurahan: kels.filter((l) => l.kecamatanId === k.id).map(({ kecamatanId: _k, ...l }) => l) }));
}

const name = (raw: unknown) => {
  const parsed = areaNameSchema.safeParse({ name: raw });
  if (!parsed.success) throw new ValidationError(collectFieldErrors(parsed.error));
  return parsed.data.name;
};

const isUniqueViolation = (err: unknown) => {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) if ((e as { code?: unknown }).code === "23505") return true;
  return false;
};

async function kecRow(db: Db, id: number) {
  const [row] = await db.select().from(kecamatan).where(eq(kecamatan.id, id));
  return row;
}
async function kelRow(db: Db, id: number) {
  const [row] = await db.select().from(kelurahan).where(eq(kelurahan.id, id));
  return row;
}

/** Adds a kecamatan, or a kelurahan to a kecamatan (`kecamatanId`). */
export async function addArea(db: Db, raw: { name: unknown; kecamatanId?: number }, actor: Actor): Promise<{ id: number }> {
  const n = name(raw.name);
  try {
    const id = await db.transaction(async (tx) => {
      if (raw.kecamatanId === undefined) {
        const [row] = await tx.insert(kecamatan).values({ name: n }).returning();
        await recordChange(tx, { entity: "kecamatan", id: row!.id, change: "create", before: null, after: { ...row! }, actor: actor.actor, now: actor.now });
        return row!.id;
      }
      const parent = await kecRow(tx, raw.kecamatanId);
      if (!parent?.active) throw new ValidationError({ kecamatanId: ["kecamatanRequired"] });
      const [row] = await tx.insert(kelurahan).values({ name: n, kecamatanId: parent.id }).returning();
      await recordChange(tx, { entity: "kelurahan", id: row!.id, change: "create", before: null, after: { ...row! }, actor: actor.actor, now: actor.now });
      return row!.id;
    });
    invalidateReference(db);
    return { id };
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError({ name: ["nameTaken"] });
    throw err;
  }
}

/** Renames a kecamatan or kelurahan; the old name stays in its history (and old complaints show the new one). */
export async function renameArea(db: Db, level: AreaLevel, id: number, raw: unknown, actor: Actor): Promise<void> {
  const n = name(raw);
  try {
    await db.transaction(async (tx) => {
      const before = level === "kecamatan" ? await kecRow(tx, id) : await kelRow(tx, id);
      if (!before) throw notFound();
      if (before.name === n) return;
      if (level === "kecamatan") await tx.update(kecamatan).set({ name: n }).where(eq(kecamatan.id, id));
      else await tx.update(kelurahan).set({ name: n }).where(eq(kelurahan.id, id));
      await recordChange(tx, { entity: level, id, change: "update", before: { ...before }, after: { ...before, name: n }, actor: actor.actor, now: actor.now });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError({ name: ["nameTaken"] });
    throw err;
  }
  invalidateReference(db);
}

/** Deactivates (no longer offered to new complaints; old ones keep it) or reactivates an area. */
export async function setAreaActive(db: Db, level: AreaLevel, id: number, active: boolean, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const before = level === "kecamatan" ? await kecRow(tx, id) : await kelRow(tx, id);
    if (!before) throw notFound();
    if (before.active === active) return;
    const set = { active, ...(active ? { mergedIntoId: null } : {}) };
    if (level === "kecamatan") await tx.update(kecamatan).set(set).where(eq(kecamatan.id, id));
    else await tx.update(kelurahan).set(set).where(eq(kelurahan.id, id));
    await recordChange(tx, { entity: level, id, change: active ? "activate" : "deactivate", before: { ...before }, after: { ...before, ...set }, actor: actor.actor, now: actor.now });
  });
  invalidateReference(db);
}

/**
 * Merges one area into another of the same level: the first becomes inactive and points to the
 * second; a merged kecamatan's active kelurahan move to the other kecamatan. Nothing is deleted:
 * complaints filed under the old area keep it.
 */
export async function mergeArea(db: Db, level: AreaLevel, fromId: number, intoId: number, actor: Actor): Promise<void> {
  if (fromId === intoId) throw new ValidationError({ into: ["mergeSelf"] });
  try {
    await db.transaction(async (tx) => {
      const from = level === "kecamatan" ? await kecRow(tx, fromId) : await kelRow(tx, fromId);
      const into = level === "kecamatan" ? await kecRow(tx, intoId) : await kelRow(tx, intoId);
      if (!from) throw notFound();
      if (!into?.active) throw new ValidationError({ into: ["mergeTarget"] });
      const set = { active: false, mergedIntoId: into.id };
      if (level === "kelurahan") {
        await tx.update(kelurahan).set(set).where(eq(kelurahan.id, fromId));
      } else {
        await tx.update(kecamatan).set(set).where(eq(kecamatan.id, fromId));
        const moving = await tx.select().from(kelurahan).where(and(eq(kelurahan.kecamatanId, fromId), eq(kelurahan.active, true)));
        for (const kel of moving) {
          await tx.update(kelurahan).set({ kecamatanId: into.id }).where(eq(kelurahan.id, kel.id));
          await recordChange(tx, { entity: "kelurahan", id: kel.id, change: "update", before: { ...kel }, after: { ...kel, kecamatanId: into.id }, actor: actor.actor, now: actor.now });
        }
      }
      await recordChange(tx, { entity: level, id: fromId, change: "merge", before: { ...from }, after: { ...from, ...set, mergedIntoName: into.name }, actor: actor.actor, now: actor.now });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError({ into: ["mergeNameClash"] });
    throw err;
  }
  invalidateReference(db);
}
