import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { categories, externalInstitutions, kecamatan, kelurahan, opds } from "@/db/schema";

type AreasFile = { region: string; name: string; kecamatan: { name: string; kelurahan: string[] }[] };
type OpdFile = {
  /** `parent`: the code of an OPD listed before this one. */
  opd: { code: string; name: string; shortName?: string; email?: string; parent?: string }[];
  external: { code: string; name: string; handles?: string }[];
};
type CategoriesFile = {
  categories: {
    code: string;
    name: string;
    nameEn?: string;
    description?: string;
    opd?: string | null;
    external?: string;
    keywords?: string[];
    sla?: Record<string, number>;
  }[];
};

const dataRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), "data");

function load<T>(region: string, file: string): T {
  return JSON.parse(readFileSync(path.join(dataRoot, region.toLowerCase(), file), "utf8")) as T;
}

/** The OPD code of a kecamatan office, e.g. "Batam Kota" → KEC-BATAM-KOTA. */
export function kecamatanOpdCode(name: string): string {
  return `KEC-${name.toUpperCase().replace(/[^A-Z0-9]+/g, "-")}`;
}

/**
 * Loads the region's areas, OPDs, institutions and categories. Safe to run again: it only adds
 * what is missing, so an administrator's later edits survive.
 */
export async function seedReference(db: Db, region: string): Promise<void> {
  const areas = load<AreasFile>(region, "areas.json");
  const opdFile = load<OpdFile>(region, "opd.json");
  const cats = load<CategoriesFile>(region, "categories.json");

  await db.transaction(async (tx) => {
    for (const kec of areas.kecamatan) {
      await tx.insert(kecamatan).values({ name: kec.name }).onConflictDoNothing();
      const [row] = await tx.select({ id: kecamatan.id }).from(kecamatan).where(eq(kecamatan.name, kec.name));
      for (const kel of kec.kelurahan) {
        await tx.insert(kelurahan).values({ kecamatanId: row!.id, name: kel }).onConflictDoNothing();
      }
      await tx
        .insert(opds)
        .values({ code: kecamatanOpdCode(kec.name), name: `Kecamatan ${kec.name}`, kind: "kecamatan", kecamatanId: row!.id })
        .onConflictDoNothing();
    }
    for (const o of opdFile.opd) {
      await tx
        .insert(opds)
        .values({
          code: o.code,
          name: o.name,
          shortName: o.shortName ?? null,
          email: o.email ?? null,
          parentId: o.parent ? sql`(select id from opds where code = ${o.parent})` : null,
        })
        .onConflictDoNothing();
    }
    for (const e of opdFile.external) {
      await tx
        .insert(externalInstitutions)
        .values({ code: e.code, name: e.name, handles: e.handles ?? null })
        .onConflictDoNothing();
    }
    for (const [i, c] of cats.categories.entries()) {
      const values = {
        code: c.code,
        name: c.name,
        nameEn: c.nameEn ?? null,
        description: c.description ?? null,
        opdId: c.opd ? sql`(select id from opds where code = ${c.opd})` : null,
        externalId: c.external ? sql`(select id from external_institutions where code = ${c.external})` : null,
        keywords: c.keywords ?? [],
        sla: c.sla ?? null,
        sortOrder: i,
      };
      await tx.insert(categories).values(values).onConflictDoNothing();
    }
  });
}
