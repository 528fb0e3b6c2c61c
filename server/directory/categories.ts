import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { AuditActor } from "@/db/queries/audit";
import { categories, externalInstitutions, opds } from "@/db/schema";
import { collectFieldErrors } from "@/domain/complaint-input";
import { categoryInputSchema, codeSchema, keywordsSchema } from "@/domain/directory";
import { DEFAULT_SLA, type SlaClock } from "@/domain/sla";
import { ValidationError, notFound } from "@/lib/errors";
import { invalidateReference } from "@/server/reference";
import { recordChange, type Snapshot } from "./history";

type Actor = { actor: AuditActor; now: Date };

/** Every category, inactive ones too, with the codes of its default OPD and institution. */
export function listCategoryDirectory(db: Db) {
  return db
    .select({
      id: categories.id,
      code: categories.code,
      name: categories.name,
      nameEn: categories.nameEn,
      description: categories.description,
      opdId: categories.opdId,
      opdCode: opds.code,
      opdName: opds.name,
      externalId: categories.externalId,
      externalCode: externalInstitutions.code,
      externalName: externalInstitutions.name,
      keywords: categories.keywords,
      sla: categories.sla,
      sortOrder: categories.sortOrder,
      active: categories.active,
    })
    .from(categories)
    .leftJoin(opds, eq(opds.id, categories.opdId))
    .leftJoin(externalInstitutions, eq(externalInstitutions.id, categories.externalId))
    .orderBy(asc(categories.sortOrder), asc(categories.name));
}
type CategoryDirectoryRow = Awaited<ReturnType<typeof listCategoryDirectory>>[number];

const snapshot = (r: CategoryDirectoryRow): Snapshot => ({
  code: r.code,
  name: r.name,
  nameEn: r.nameEn,
  description: r.description,
  opdCode: r.opdCode,
  externalCode: r.externalCode,
  keywords: r.keywords,
  sla: r.sla,
  active: r.active,
});

/**
 * Creates (`code`) or updates (`id`) a category: names in Indonesian and English, description,
 * default OPD or (forwarded outside the city) institution, keywords, per-clock working days.
 * Versioned and audited; the code is fixed once created.
 */
export async function saveCategory(db: Db, target: { id: number } | { code: unknown }, raw: Record<string, unknown>, actor: Actor): Promise<{ id: number }> {
  const parsed = categoryInputSchema.safeParse(raw);
  const code = "code" in target ? codeSchema.safeParse(target.code) : null;
  if (!parsed.success || (code && !code.success)) {
    throw new ValidationError({ ...(parsed.success ? {} : collectFieldErrors(parsed.error)), ...(code && !code.success ? { code: ["code"] } : {}) });
  }
  const input = parsed.data;
  const all = await listCategoryDirectory(db);
  const current = "id" in target ? all.find((c) => c.id === target.id) : undefined;
  if ("id" in target && !current) throw notFound();
  if (code?.success && all.some((c) => c.code === code.data)) throw new ValidationError({ code: ["codeTaken"] });
  const [opd] = input.opdCode ? await db.select({ id: opds.id, active: opds.active }).from(opds).where(eq(opds.code, input.opdCode)) : [];
  if (input.opdCode && !opd?.active) throw new ValidationError({ opdCode: ["unknownOpd"] });
  const wantsExternal = input.forwardOutside && input.externalCode;
  const [ext] = wantsExternal ? await db.select({ id: externalInstitutions.id, active: externalInstitutions.active }).from(externalInstitutions).where(eq(externalInstitutions.code, input.externalCode!)) : [];
  if (wantsExternal && !ext?.active) throw new ValidationError({ externalCode: ["unknownInstitution"] });
  const sla: Partial<Record<SlaClock, number>> = {};
  for (const clock of Object.keys(DEFAULT_SLA) as SlaClock[]) if (input[clock] !== undefined) sla[clock] = input[clock];
  const values = {
    name: input.name,
    nameEn: input.nameEn ?? null,
    description: input.description ?? null,
    opdId: input.forwardOutside ? null : (opd?.id ?? null),
    externalId: input.forwardOutside ? (ext?.id ?? null) : null,
    keywords: input.keywords,
    sla: Object.keys(sla).length ? sla : null,
  };
  const id = await db.transaction(async (tx) => {
    let rowId: number;
    if (current) {
      await tx.update(categories).set(values).where(eq(categories.id, current.id));
      rowId = current.id;
    } else {
      const [row] = await tx
        .insert(categories)
        .values({ ...values, code: code!.data!, sortOrder: sql`(select coalesce(max(sort_order), 0) + 1 from categories)` })
        .onConflictDoNothing()
        .returning({ id: categories.id });
      if (!row) throw new ValidationError({ code: ["codeTaken"] });
      rowId = row.id;
    }
    const after: Snapshot = {
      code: current?.code ?? code!.data,
      name: values.name,
      nameEn: values.nameEn,
      description: values.description,
      opdCode: input.forwardOutside ? null : (input.opdCode ?? null),
      externalCode: input.forwardOutside ? (input.externalCode ?? null) : null,
      keywords: values.keywords,
      sla: values.sla,
      active: current?.active ?? true,
    };
    await recordChange(tx, { entity: "category", id: rowId, change: current ? "update" : "create", before: current ? snapshot(current) : null, after, actor: actor.actor, now: actor.now });
    return rowId;
  });
  invalidateReference(db);
  return { id };
}

/** Replaces one category's keywords (the "kata kunci → kategori" table of the routing page). */
export async function setCategoryKeywords(db: Db, id: number, raw: unknown, actor: Actor): Promise<void> {
  const parsed = keywordsSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError({ keywords: collectFieldErrors(parsed.error)._form ?? ["keyword"] });
  const current = (await listCategoryDirectory(db)).find((c) => c.id === id);
  if (!current) throw notFound();
  await db.transaction(async (tx) => {
    await tx.update(categories).set({ keywords: parsed.data }).where(eq(categories.id, id));
    await recordChange(tx, { entity: "category", id, change: "update", before: snapshot(current), after: { ...snapshot(current), keywords: parsed.data }, actor: actor.actor, now: actor.now });
  });
  invalidateReference(db);
}

/** Deactivates (no longer offered; old complaints keep it) or reactivates a category. */
export async function setCategoryActive(db: Db, id: number, active: boolean, actor: Actor): Promise<void> {
  const current = (await listCategoryDirectory(db)).find((c) => c.id === id);
  if (!current) throw notFound();
  if (current.active === active) return;
  await db.transaction(async (tx) => {
    await tx.update(categories).set({ active }).where(eq(categories.id, id));
    await recordChange(tx, { entity: "category", id, change: active ? "activate" : "deactivate", before: snapshot(current), after: { ...snapshot(current), active }, actor: actor.actor, now: actor.now });
  });
  invalidateReference(db);
}
