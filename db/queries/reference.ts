import { and, asc, eq } from "drizzle-orm";
import { routingRules } from "@/db/schema-directory";
import type { Db } from "@/db/client";
import { categories, externalInstitutions, holidays, kecamatan, kelurahan, opds } from "@/db/schema";

export type CategoryRow = Awaited<ReturnType<typeof listCategories>>[number];
export type AreaTree = Awaited<ReturnType<typeof listAreas>>;

/** Active categories in display order, with their default routing and SLA overrides. */
export function listCategories(db: Db) {
  return db
    .select({
      id: categories.id,
      code: categories.code,
      name: categories.name,
      opdId: categories.opdId,
      externalId: categories.externalId,
      keywords: categories.keywords,
      sla: categories.sla,
    })
    .from(categories)
    .where(eq(categories.active, true))
    .orderBy(asc(categories.sortOrder), asc(categories.name));
}

/** Active kecamatan with their active kelurahan, alphabetically: what a new complaint may name. */
export async function listAreas(db: Db) {
  const rows = await db
    .select({ kecId: kecamatan.id, kecName: kecamatan.name, kelId: kelurahan.id, kelName: kelurahan.name })
    .from(kecamatan)
    .leftJoin(kelurahan, and(eq(kelurahan.kecamatanId, kecamatan.id), eq(kelurahan.active, true)))
    .where(eq(kecamatan.active, true))
    .orderBy(asc(kecamatan.name), asc(kelurahan.name));
  const out: { id: number; name: string; kelurahan: { id: number; name: string }[] }[] = [];
  for (const r of rows) {
    let kec = out.at(-1);
    if (!kec || kec.id !== r.kecId) out.push((kec = { id: r.kecId, name: r.kecName, kelurahan: [] }));
    if (r.kelId !== null && r.kelName !== null) kec.kelurahan.push({ id: r.kelId, name: r.kelName });
  }
  return out;
}

/** Every OPD, inactive ones included (old complaints keep their names); choices filter on `active`. */
export function listOpds(db: Db) {
  return db
    .select({ id: opds.id, code: opds.code, name: opds.name, kind: opds.kind, kecamatanId: opds.kecamatanId, active: opds.active })
    .from(opds)
    .orderBy(asc(opds.name));
}

/** Every kecamatan's name by id, inactive and merged ones included, for naming old complaints' areas. */
export async function listKecamatanNames(db: Db): Promise<Map<number, string>> {
  const rows = await db.select({ id: kecamatan.id, name: kecamatan.name }).from(kecamatan);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The active area routing rules (category × kecamatan/kelurahan → OPD or institution). */
export function listAreaRules(db: Db) {
  return db
    .select({
      id: routingRules.id,
      categoryId: routingRules.categoryId,
      kecamatanId: routingRules.kecamatanId,
      kelurahanId: routingRules.kelurahanId,
      opdId: routingRules.opdId,
      externalId: routingRules.externalId,
    })
    .from(routingRules)
    .where(eq(routingRules.active, true))
    .orderBy(asc(routingRules.id));
}

export function listExternalInstitutions(db: Db) {
  return db
    .select({ id: externalInstitutions.id, code: externalInstitutions.code, name: externalInstitutions.name, active: externalInstitutions.active })
    .from(externalInstitutions)
    .orderBy(asc(externalInstitutions.name));
}

export async function listHolidayDates(db: Db): Promise<string[]> {
  const rows = await db.select({ day: holidays.day }).from(holidays);
  return rows.map((r) => r.day);
}
