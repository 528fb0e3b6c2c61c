import { suggestRoute, type RouteSuggestion } from "@/domain/routing";
import type { Reference } from "./reference";

export type RouteQuestion = { text: string; categoryId: number | null; kecamatanId: number | null; kelurahanId: number | null };

/**
 * The routing suggestion for a complaint, from the reference data the administrator keeps
 * (categories with their targets and keywords, area rules, kecamatan offices). The one routing
 * call: the intake pipeline stores its answer, the directory's "coba" box shows it.
 */
export function routeComplaint(ref: Reference, q: RouteQuestion): RouteSuggestion {
  const localOffice = ref.opds.find((o) => o.active && o.kind === "kecamatan" && o.kecamatanId !== null && o.kecamatanId === q.kecamatanId);
  const activeOpd = new Set(ref.opds.filter((o) => o.active).map((o) => o.id));
  const activeExt = new Set(ref.externals.filter((e) => e.active).map((e) => e.id));
  // A target that was deactivated counts as no target: the coordinator decides.
  const opd = (id: number | null) => (id !== null && activeOpd.has(id) ? id : null);
  const ext = (id: number | null) => (id !== null && activeExt.has(id) ? id : null);
  return suggestRoute(
    q.text,
    q.categoryId,
    ref.categories.map((c) => ({ categoryId: c.id, opdId: opd(c.opdId), externalId: ext(c.externalId), keywords: c.keywords })),
    localOffice?.id ?? null,
    { kecamatanId: q.kecamatanId, kelurahanId: q.kelurahanId, rules: ref.areaRules.map((r) => ({ ...r, opdId: opd(r.opdId), externalId: ext(r.externalId) })) },
  );
}
