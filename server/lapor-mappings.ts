import { and, asc, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { writeAudit, type AuditActor } from "@/db/queries/audit";
import { laporMappings } from "@/db/schema-lapor";
import { MAPPING_KINDS, parseLaporId, type MappingKind } from "@/domain/lapor-ops";
import { ValidationError } from "@/lib/errors";
import { reference, type Reference } from "./reference";

export type Mapping = { kind: MappingKind; localCode: string; laporId: string; updatedAt: Date };

/** Every mapping, by kind then local code. */
export async function listMappings(db: Db): Promise<Mapping[]> {
  return db
    .select({ kind: laporMappings.kind, localCode: laporMappings.localCode, laporId: laporMappings.laporId, updatedAt: laporMappings.updatedAt })
    .from(laporMappings)
    .orderBy(asc(laporMappings.kind), asc(laporMappings.localCode));
}

/** The things of each kind that can be mapped: local code and the name a person recognises. */
export function mappableItems(ref: Reference): Record<MappingKind, { code: string; name: string }[]> {
  return {
    category: ref.categories.map((c) => ({ code: c.code, name: c.name })),
    area: ref.areas.flatMap((k) => k.kelurahan.map((l) => ({ code: String(l.id), name: `${l.name}, ${k.name}` }))),
    opd: ref.opds.map((o) => ({ code: o.code, name: o.name })),
    institution: ref.externals.map((x) => ({ code: x.code, name: x.name })),
  };
}

/** LAPOR id → Pintu local code, per kind, for reading what LAPOR sends. */
export async function mappingLookup(db: Db): Promise<Record<MappingKind, Map<string, string>>> {
  const out = Object.fromEntries(MAPPING_KINDS.map((k) => [k, new Map<string, string>()])) as Record<MappingKind, Map<string, string>>;
  for (const m of await listMappings(db)) out[m.kind].set(m.laporId, m.localCode);
  return out;
}

const isUniqueViolation = (err: unknown) => {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
};

/**
 * Sets (or replaces) the LAPOR id of one local item, audited. Refuses, with every field's error,
 * an unknown kind or item, a malformed id, and an id already given to another item of the kind.
 */
export async function setMapping(db: Db, req: { kind: string; localCode: string; laporId: string; actor: AuditActor; now: Date }): Promise<void> {
  const errors: Record<string, string[]> = {};
  const kind = (MAPPING_KINDS as readonly string[]).includes(req.kind) ? (req.kind as MappingKind) : null;
  if (!kind) errors.kind = ["invalid"];
  const items = kind ? mappableItems(await reference(db))[kind] : [];
  const item = items.find((i) => i.code === req.localCode);
  if (kind && !item) errors.localCode = ["unknownMappingItem"];
  const id = parseLaporId(req.laporId);
  if (!id.ok) errors.laporId = [id.error];
  if (!kind || !item || !id.ok) throw new ValidationError(errors);
  try {
    await db.transaction(async (tx) => {
      const [taken] = await tx
        .select({ localCode: laporMappings.localCode })
        .from(laporMappings)
        .where(and(eq(laporMappings.kind, kind), eq(laporMappings.laporId, id.value), ne(laporMappings.localCode, item.code)));
      if (taken) {
        const other = items.find((i) => i.code === taken.localCode)?.name ?? taken.localCode;
        throw new ValidationError({ laporId: [`laporIdTaken|${other}`] });
      }
      const [was] = await tx
        .select({ laporId: laporMappings.laporId })
        .from(laporMappings)
        .where(and(eq(laporMappings.kind, kind), eq(laporMappings.localCode, item.code)));
      await tx
        .insert(laporMappings)
        .values({ kind, localCode: item.code, laporId: id.value, updatedAt: req.now, updatedBy: req.actor.userId })
        .onConflictDoUpdate({ target: [laporMappings.kind, laporMappings.localCode], set: { laporId: id.value, updatedAt: req.now, updatedBy: req.actor.userId } });
      await writeAudit(tx, {
        actor: req.actor,
        at: req.now,
        action: "lapor.mapping_set",
        target: { kind: `mapping.${kind}`, id: item.code },
        before: was ? { laporId: was.laporId } : null,
        after: { laporId: id.value },
      });
    });
  } catch (err) {
    // Two administrators giving the same id at once: the unique index decides, same message.
    if (isUniqueViolation(err)) throw new ValidationError({ laporId: ["laporIdTaken|?"] });
    throw err;
  }
}

/** Removes one mapping (audited); false when there was none. */
export async function deleteMapping(db: Db, req: { kind: string; localCode: string; actor: AuditActor; now: Date }): Promise<boolean> {
  if (!(MAPPING_KINDS as readonly string[]).includes(req.kind)) return false;
  const kind = req.kind as MappingKind;
  return db.transaction(async (tx) => {
    const gone = await tx
      .delete(laporMappings)
      .where(and(eq(laporMappings.kind, kind), eq(laporMappings.localCode, req.localCode)))
      .returning({ laporId: laporMappings.laporId });
    if (gone.length) {
      await writeAudit(tx, { actor: req.actor, at: req.now, action: "lapor.mapping_delete", target: { kind: `mapping.${kind}`, id: req.localCode }, before: { laporId: gone[0]!.laporId } });
    }
    return gone.length > 0;
  });
}
