import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { laporMappings } from "@/db/schema-lapor";

const dataRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), "data");
const load = <T>(region: string, file: string): T => JSON.parse(readFileSync(path.join(dataRoot, region.toLowerCase(), file), "utf8")) as T;
const pad = (n: number, w: number) => String(n).padStart(w, "0");

export type DefaultMappings = {
  category: { code: string; laporId: string }[];
  opd: { code: string; laporId: string }[];
  institution: { code: string; name: string; laporId: string }[];
  area: { kecamatan: string; kelurahan: string; laporId: string }[];
};

/**
 * Starting LAPOR ids for the region's reference data, so the simulator flow works on a fresh
 * machine. Real deployments correct them on the mappings admin screen (LAPOR's ids are visible
 * only in its admin panel); the seed never overwrites an edit. Areas follow the BPS pattern
 * (city code, kecamatan, kelurahan).
 */
export function defaultLaporMappings(region: string): DefaultMappings {
  const areas = load<{ kecamatan: { name: string; kelurahan: string[] }[] }>(region, "areas.json");
  const opd = load<{ opd: { code: string }[]; external: { code: string; name: string }[] }>(region, "opd.json");
  const cats = load<{ categories: { code: string }[] }>(region, "categories.json");
  return {
    category: cats.categories.map((c, i) => ({ code: c.code, laporId: String(101 + i) })),
    opd: opd.opd.map((o, i) => ({ code: o.code, laporId: `2171${pad(i + 1, 3)}` })),
    institution: opd.external.map((e, i) => ({ code: e.code, name: e.name, laporId: String(9001 + i) })),
    area: areas.kecamatan.flatMap((k, ki) => k.kelurahan.map((l, li) => ({ kecamatan: k.name, kelurahan: l, laporId: `2171${pad(ki + 1, 2)}${pad(li + 1, 4)}` }))),
  };
}

/** Adds the default mappings that are missing; an administrator's edits survive. */
export async function seedLaporMappings(db: Db, region: string): Promise<void> {
  let m: DefaultMappings;
  try {
    m = defaultLaporMappings(region);
  } catch {
    return; // no seed data for this region: mappings are entered by hand
  }
  const rows = [
    ...m.category.map((c) => ({ kind: "category" as const, localCode: c.code, laporId: c.laporId })),
    ...m.opd.map((o) => ({ kind: "opd" as const, localCode: o.code, laporId: o.laporId })),
    ...m.institution.map((e) => ({ kind: "institution" as const, localCode: e.code, laporId: e.laporId })),
  ];
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 200) await tx.insert(laporMappings).values(rows.slice(i, i + 200)).onConflictDoNothing();
    // Areas are mapped by kelurahan id, which the database assigned.
    for (const a of m.area) {
      await tx.execute(sql`insert into lapor_mappings (kind, local_code, lapor_id)
        select 'area', l.id::text, ${a.laporId} from kelurahan l join kecamatan k on k.id = l.kecamatan_id
        where k.name = ${a.kecamatan} and l.name = ${a.kelurahan}
        on conflict do nothing`);
    }
  });
}
