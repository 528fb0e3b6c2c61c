import "server-only";
import type { Db } from "@/db/client";
import { listAreaDirectory } from "./areas";
import { listCategoryDirectory } from "./categories";
import { listInstitutionDirectory } from "./institutions";
import { listOpdDirectory } from "./opds";

/** The choices of the routing-rule forms and the "coba" box: active categories, areas and targets. */
export async function ruleOptions(db: Db, labels: { kecamatanWhole: (name: string) => string; opds: string; institutions: string }) {
  const [cats, tree, opds, externals] = await Promise.all([listCategoryDirectory(db), listAreaDirectory(db), listOpdDirectory(db), listInstitutionDirectory(db)]);
  const areas = tree
    .filter((k) => k.active)
    .map((k) => ({
      label: k.name,
      options: [[`kec:${k.id}`, labels.kecamatanWhole(k.name)] as [string, string], ...k.kelurahan.filter((l) => l.active).map((l): [string, string] => [`kel:${l.id}`, l.name])],
    }));
  return {
    categories: cats.filter((c) => c.active).map((c): [string, string] => [c.code, c.name]),
    areas,
    targets: [
      { label: labels.opds, options: opds.filter((o) => o.active).map((o): [string, string] => [`opd:${o.code}`, o.name]) },
      { label: labels.institutions, options: externals.filter((e) => e.active).map((e): [string, string] => [`ext:${e.code}`, e.name]) },
    ],
    cats,
  };
}
