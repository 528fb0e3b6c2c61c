import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { categories, opds } from "@/db/schema";
import { answerTemplates, type TemplatePurpose } from "@/db/schema-templates";

export type TemplateRow = typeof answerTemplates.$inferSelect;
export type TemplateInput = { opdId: number | null; categoryId: number | null; purpose: TemplatePurpose; title: string; bodyId: string; bodyEn: string; active: boolean };

/** Templates for the editor: every one (admin) or one OPD's own (a head), with OPD and category names. */
export function listTemplates(db: Db, opdId?: number) {
  return db
    .select({ t: answerTemplates, opdName: opds.name, categoryName: categories.name })
    .from(answerTemplates)
    .leftJoin(opds, eq(opds.id, answerTemplates.opdId))
    .leftJoin(categories, eq(categories.id, answerTemplates.categoryId))
    .where(opdId === undefined ? undefined : eq(answerTemplates.opdId, opdId))
    .orderBy(asc(opds.name), asc(answerTemplates.purpose), asc(answerTemplates.title), asc(answerTemplates.id));
}

export async function templateById(db: Db, id: number): Promise<TemplateRow | null> {
  const [row] = await db.select().from(answerTemplates).where(eq(answerTemplates.id, id));
  return row ?? null;
}

/** The active templates offered for a complaint's form: the city's and its OPD's, for its category or any. */
export function templatesFor(db: Db, c: { opdId: number | null; categoryId: number | null }, purpose: TemplatePurpose) {
  return db
    .select()
    .from(answerTemplates)
    .where(
      and(
        eq(answerTemplates.active, true),
        eq(answerTemplates.purpose, purpose),
        c.opdId === null ? isNull(answerTemplates.opdId) : or(isNull(answerTemplates.opdId), eq(answerTemplates.opdId, c.opdId)),
        c.categoryId === null ? isNull(answerTemplates.categoryId) : or(isNull(answerTemplates.categoryId), eq(answerTemplates.categoryId, c.categoryId)),
      ),
    )
    .orderBy(asc(answerTemplates.title), asc(answerTemplates.id));
}

/**
 * Creates (no `id`) or replaces a template; answers what it was before (null for a new one), or
 * null when the id is unknown. Audited by its caller (server/templates.ts), in the same transaction.
 */
export async function writeTemplate(tx: Db, req: { id?: number; input: TemplateInput; userId: number | null; now: Date }): Promise<{ id: number; before: TemplateRow | null } | null> {
  if (req.id === undefined) {
    const [row] = await tx
      .insert(answerTemplates)
      .values({ ...req.input, createdAt: req.now, updatedAt: req.now, updatedBy: req.userId })
      .returning({ id: answerTemplates.id });
    return { id: row!.id, before: null };
  }
  const [was] = await tx.select().from(answerTemplates).where(eq(answerTemplates.id, req.id)).for("update");
  if (!was) return null;
  await tx.update(answerTemplates).set({ ...req.input, updatedAt: req.now, updatedBy: req.userId }).where(eq(answerTemplates.id, req.id));
  return { id: req.id, before: was };
}

/** Counts one use (the answer or request was sent starting from it). */
export async function countTemplateUse(db: Db, id: number, now: Date): Promise<void> {
  await db.update(answerTemplates).set({ uses: sql`${answerTemplates.uses} + 1`, lastUsedAt: now }).where(eq(answerTemplates.id, id));
}
