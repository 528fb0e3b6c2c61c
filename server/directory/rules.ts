import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { AuditActor } from "@/db/queries/audit";
import { categories, externalInstitutions, kecamatan, kelurahan, opds } from "@/db/schema";
import { routingRules } from "@/db/schema-directory";
import { collectFieldErrors } from "@/domain/complaint-input";
import { routeTrialSchema, routingRuleInputSchema } from "@/domain/directory";
import type { RouteSuggestion } from "@/domain/routing";
import { ValidationError, notFound } from "@/lib/errors";
import { invalidateReference, reference } from "@/server/reference";
import { routeComplaint } from "@/server/routing";
import { recordChange, type Snapshot } from "./history";

type Actor = { actor: AuditActor; now: Date };

/** Every area rule (inactive ones too), named for people. */
export function listRoutingRules(db: Db) {
  return db
    .select({
      id: routingRules.id,
      categoryId: routingRules.categoryId,
      categoryCode: categories.code,
      categoryName: categories.name,
      kecamatanId: routingRules.kecamatanId,
      kecamatanName: kecamatan.name,
      kelurahanId: routingRules.kelurahanId,
      kelurahanName: kelurahan.name,
      opdId: routingRules.opdId,
      opdCode: opds.code,
      opdName: opds.name,
      externalId: routingRules.externalId,
      externalCode: externalInstitutions.code,
      externalName: externalInstitutions.name,
      note: routingRules.note,
      active: routingRules.active,
    })
    .from(routingRules)
    .leftJoin(categories, eq(categories.id, routingRules.categoryId))
    .leftJoin(kecamatan, eq(kecamatan.id, routingRules.kecamatanId))
    .leftJoin(kelurahan, eq(kelurahan.id, routingRules.kelurahanId))
    .leftJoin(opds, eq(opds.id, routingRules.opdId))
    .leftJoin(externalInstitutions, eq(externalInstitutions.id, routingRules.externalId))
    .orderBy(asc(kecamatan.name), asc(kelurahan.name), asc(categories.sortOrder), asc(routingRules.id));
}
type RoutingRuleRow = Awaited<ReturnType<typeof listRoutingRules>>[number];

const snapshot = (r: Pick<RoutingRuleRow, "categoryCode" | "kecamatanId" | "kelurahanId" | "opdCode" | "externalCode" | "note" | "active">): Snapshot => ({
  categoryCode: r.categoryCode,
  kecamatanId: r.kecamatanId,
  kelurahanId: r.kelurahanId,
  opdCode: r.opdCode,
  externalCode: r.externalCode,
  note: r.note,
  active: r.active,
});

/** Creates (no `id`) or changes an area rule: category (or any) × kecamatan/kelurahan → OPD or institution. */
export async function saveRoutingRule(db: Db, id: number | null, raw: Record<string, unknown>, actor: Actor): Promise<{ id: number }> {
  const parsed = routingRuleInputSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(collectFieldErrors(parsed.error));
  const input = parsed.data;
  const errors: Record<string, string[]> = {};
  const [cat] = input.categoryCode ? await db.select({ id: categories.id }).from(categories).where(eq(categories.code, input.categoryCode)) : [];
  if (input.categoryCode && !cat) errors.categoryCode = ["unknownCategory"];
  let kecamatanId: number | null = null;
  let kelurahanId: number | null = null;
  if (input.area.level === "kec") {
    const [k] = await db.select({ id: kecamatan.id, active: kecamatan.active }).from(kecamatan).where(eq(kecamatan.id, input.area.id));
    if (!k?.active) errors.area = ["area"];
    kecamatanId = k?.id ?? null;
  } else {
    const [l] = await db.select({ id: kelurahan.id, kecamatanId: kelurahan.kecamatanId, active: kelurahan.active }).from(kelurahan).where(eq(kelurahan.id, input.area.id));
    if (!l?.active) errors.area = ["area"];
    kelurahanId = l?.id ?? null;
    kecamatanId = l?.kecamatanId ?? null;
  }
  const table = input.target.kind === "opd" ? opds : externalInstitutions;
  const [target] = await db.select({ id: table.id, active: table.active }).from(table).where(eq(table.code, input.target.code));
  if (!target?.active) errors.target = [input.target.kind === "opd" ? "unknownOpd" : "unknownInstitution"];
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const all = await listRoutingRules(db);
  const current = id === null ? undefined : all.find((r) => r.id === id);
  if (id !== null && !current) throw notFound();
  const values = {
    categoryId: cat?.id ?? null,
    kecamatanId,
    kelurahanId,
    opdId: input.target.kind === "opd" ? target!.id : null,
    externalId: input.target.kind === "ext" ? target!.id : null,
    note: input.note ?? null,
    active: true,
    updatedAt: actor.now,
  };
  const clash = all.find((r) => r.active && r.id !== id && r.categoryId === values.categoryId && r.kecamatanId === kecamatanId && r.kelurahanId === kelurahanId);
  if (clash) throw new ValidationError({ area: ["ruleExists"] });
  const after: Snapshot = {
    categoryCode: input.categoryCode ?? null,
    kecamatanId,
    kelurahanId,
    opdCode: input.target.kind === "opd" ? input.target.code : null,
    externalCode: input.target.kind === "ext" ? input.target.code : null,
    note: values.note,
    active: true,
  };
  const ruleId = await db.transaction(async (tx) => {
    let rowId: number;
    if (current) {
      await tx.update(routingRules).set(values).where(eq(routingRules.id, current.id));
      rowId = current.id;
    } else {
      const [row] = await tx.insert(routingRules).values({ ...values, createdAt: actor.now }).returning({ id: routingRules.id });
      rowId = row!.id;
    }
    await recordChange(tx, { entity: "routing_rule", id: rowId, change: current ? "update" : "create", before: current ? snapshot(current) : null, after, actor: actor.actor, now: actor.now });
    return rowId;
  });
  invalidateReference(db);
  return { id: ruleId };
}

/** Switches a rule off (kept, with its history) or on again. */
export async function setRoutingRuleActive(db: Db, id: number, active: boolean, actor: Actor): Promise<void> {
  const current = (await listRoutingRules(db)).find((r) => r.id === id);
  if (!current) throw notFound();
  if (current.active === active) return;
  await db.transaction(async (tx) => {
    await tx.update(routingRules).set({ active, updatedAt: actor.now }).where(eq(routingRules.id, id));
    await recordChange(tx, { entity: "routing_rule", id, change: active ? "activate" : "deactivate", before: snapshot(current), after: { ...snapshot(current), active }, actor: actor.actor, now: actor.now });
  });
  invalidateReference(db);
}

export type RouteTrial = {
  suggestion: RouteSuggestion;
  target: { kind: "opd" | "external"; code: string; name: string } | null;
  category: { code: string; name: string } | null;
  rule: RoutingRuleRow | null;
};

/**
 * The "coba" box: what the intake pipeline would suggest for a sample complaint (the same call,
 * `routeComplaint`, over the same reference data) and why.
 */
export async function tryRoute(db: Db, raw: Record<string, unknown>): Promise<RouteTrial> {
  const parsed = routeTrialSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(collectFieldErrors(parsed.error));
  const ref = await reference(db);
  const q = parsed.data;
  const chosen = q.categoryCode ? ref.categories.find((c) => c.code === q.categoryCode) : undefined;
  let kecamatanId: number | null = null;
  let kelurahanId: number | null = null;
  if (q.area?.level === "kec") kecamatanId = ref.areas.find((k) => k.id === q.area!.id)?.id ?? null;
  if (q.area?.level === "kel") {
    const hit = ref.areas.find((k) => k.kelurahan.some((l) => l.id === q.area!.id));
    kecamatanId = hit?.id ?? null;
    kelurahanId = hit ? q.area.id : null;
  }
  const suggestion = routeComplaint(ref, { text: q.text, categoryId: chosen?.id ?? null, kecamatanId, kelurahanId });
  const opd = suggestion.opdId === null ? undefined : ref.opds.find((o) => o.id === suggestion.opdId);
  const ext = suggestion.externalId === null ? undefined : ref.externals.find((e) => e.id === suggestion.externalId);
  const cat = ref.categories.find((c) => c.id === suggestion.matchedCategoryId);
  const rule = suggestion.ruleId ? ((await listRoutingRules(db)).find((r) => r.id === suggestion.ruleId) ?? null) : null;
  return {
    suggestion,
    target: opd ? { kind: "opd", code: opd.code, name: opd.name } : ext ? { kind: "external", code: ext.code, name: ext.name } : null,
    category: cat ? { code: cat.code, name: cat.name } : null,
    rule,
  };
}
