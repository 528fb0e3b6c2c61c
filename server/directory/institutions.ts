import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { AuditActor } from "@/db/queries/audit";
import { externalInstitutions } from "@/db/schema";
import { laporMappings } from "@/db/schema-lapor";
import { collectFieldErrors } from "@/domain/complaint-input";
import { codeSchema, institutionInputSchema } from "@/domain/directory";
import { ValidationError, notFound } from "@/lib/errors";
import { invalidateReference } from "@/server/reference";
import { recordChange, type Snapshot } from "./history";

type Actor = { actor: AuditActor; now: Date };

/** Institutions outside the city (reached through LAPOR), inactive ones too, with their LAPOR id. */
export function listInstitutionDirectory(db: Db) {
  return db
    .select({
      id: externalInstitutions.id,
      code: externalInstitutions.code,
      name: externalInstitutions.name,
      handles: externalInstitutions.handles,
      active: externalInstitutions.active,
      laporId: laporMappings.laporId,
    })
    .from(externalInstitutions)
    .leftJoin(laporMappings, and(eq(laporMappings.kind, "institution"), eq(laporMappings.localCode, externalInstitutions.code)))
    .orderBy(asc(externalInstitutions.name));
}
type Row = Awaited<ReturnType<typeof listInstitutionDirectory>>[number];
const snapshot = (r: Row): Snapshot => ({ code: r.code, name: r.name, handles: r.handles, active: r.active });

/** Creates (`code`) or updates (`id`) an external institution, versioned and audited. */
export async function saveInstitution(db: Db, target: { id: number } | { code: unknown }, raw: Record<string, unknown>, actor: Actor): Promise<{ id: number }> {
  const parsed = institutionInputSchema.safeParse(raw);
  const code = "code" in target ? codeSchema.safeParse(target.code) : null;
  if (!parsed.success || (code && !code.success)) {
    throw new ValidationError({ ...(parsed.success ? {} : collectFieldErrors(parsed.error)), ...(code && !code.success ? { code: ["code"] } : {}) });
  }
  const all = await listInstitutionDirectory(db);
  const current = "id" in target ? all.find((r) => r.id === target.id) : undefined;
  if ("id" in target && !current) throw notFound();
  if (code?.success && all.some((r) => r.code === code.data)) throw new ValidationError({ code: ["codeTaken"] });
  const values = { name: parsed.data.name, handles: parsed.data.handles ?? null };
  const id = await db.transaction(async (tx) => {
    let rowId: number;
    if (current) {
      await tx.update(externalInstitutions).set(values).where(eq(externalInstitutions.id, current.id));
      rowId = current.id;
    } else {
      const [row] = await tx.insert(externalInstitutions).values({ ...values, code: code!.data! }).onConflictDoNothing().returning({ id: externalInstitutions.id });
      if (!row) throw new ValidationError({ code: ["codeTaken"] });
      rowId = row.id;
    }
    const after = { code: current?.code ?? code!.data, ...values, active: current?.active ?? true };
    await recordChange(tx, { entity: "institution", id: rowId, change: current ? "update" : "create", before: current ? snapshot(current) : null, after, actor: actor.actor, now: actor.now });
    return rowId;
  });
  invalidateReference(db);
  return { id };
}

/** Deactivates (no new forwards; old complaints keep it) or reactivates an institution. */
export async function setInstitutionActive(db: Db, id: number, active: boolean, actor: Actor): Promise<void> {
  const current = (await listInstitutionDirectory(db)).find((r) => r.id === id);
  if (!current) throw notFound();
  if (current.active === active) return;
  await db.transaction(async (tx) => {
    await tx.update(externalInstitutions).set({ active }).where(eq(externalInstitutions.id, id));
    await recordChange(tx, { entity: "institution", id, change: active ? "activate" : "deactivate", before: snapshot(current), after: { ...snapshot(current), active }, actor: actor.actor, now: actor.now });
  });
  invalidateReference(db);
}
