/** A routing rule as the domain sees it: a category and where its complaints usually go. */
export type RoutingRule = {
  categoryId: number;
  opdId: number | null;
  externalId: number | null;
  keywords: readonly string[];
};

/**
 * An area rule the administrator keeps: complaints of a category (null = any) from a kelurahan or
 * a whole kecamatan (exactly one of the two) go to an OPD or an external institution.
 */
export type AreaRule = {
  id: number;
  categoryId: number | null;
  kecamatanId: number | null;
  kelurahanId: number | null;
  opdId: number | null;
  externalId: number | null;
};

/** Where the complaint comes from and the area rules in force. */
export type AreaContext = { kecamatanId: number | null; kelurahanId: number | null; rules: readonly AreaRule[] };

export type RouteSuggestion = {
  opdId: number | null;
  externalId: number | null;
  reason: "area" | "category" | "keyword" | "kecamatan" | "none";
  matchedCategoryId?: number;
  /** The area rule applied (reason "area"). */
  ruleId?: number;
  /** The words that chose the category (reason "keyword", or "area" after a keyword match). */
  matchedKeywords?: string[];
};

/**
 * The most specific area rule for a category: the kelurahan's before the kecamatan's, a rule for
 * this category before one for any category (the lowest id first among equals).
 */
export function findAreaRule(area: AreaContext | undefined, categoryId: number | null, anyCategory: boolean): AreaRule | null {
  if (!area || (area.kecamatanId === null && area.kelurahanId === null)) return null;
  const targeted = area.rules.filter((r) => r.opdId !== null || r.externalId !== null);
  const levels = [
    (r: AreaRule) => area.kelurahanId !== null && r.kelurahanId === area.kelurahanId,
    (r: AreaRule) => area.kecamatanId !== null && r.kelurahanId === null && r.kecamatanId === area.kecamatanId,
  ];
  for (const atLevel of levels) {
    const hits = targeted.filter(atLevel).sort((a, b) => a.id - b.id);
    const exact = categoryId === null ? undefined : hits.find((r) => r.categoryId === categoryId);
    if (exact) return exact;
    const general = anyCategory ? hits.find((r) => r.categoryId === null) : undefined;
    if (general) return general;
  }
  return null;
}

/**
 * Suggests where a complaint should go: an area rule for the chosen category and the complaint's
 * kelurahan or kecamatan; the chosen category's own target; otherwise the category whose keywords
 * occur most often in the title and body (whole words), again through its area rule first; then an
 * area rule for any category; otherwise the kecamatan office of the complaint's area, which
 * handles local matters.
 */
export function suggestRoute(
  text: string,
  chosenCategoryId: number | null,
  rules: readonly RoutingRule[],
  localOfficeOpdId: number | null = null,
  area?: AreaContext,
): RouteSuggestion {
  const chosen = rules.find((r) => r.categoryId === chosenCategoryId);
  const chosenArea = chosen ? findAreaRule(area, chosen.categoryId, false) : null;
  if (chosen && chosenArea) {
    return { opdId: chosenArea.opdId, externalId: chosenArea.externalId, reason: "area", matchedCategoryId: chosen.categoryId, ruleId: chosenArea.id };
  }
  if (chosen && (chosen.opdId !== null || chosen.externalId !== null)) {
    return { opdId: chosen.opdId, externalId: chosen.externalId, reason: "category", matchedCategoryId: chosen.categoryId };
  }
  // Hyphens separate words too, so "KTP-el" matches "ktp" and "e-ktp" matches "e ktp".
  const words = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  const haystack = ` ${words(text)} `;
  let best: { rule: RoutingRule; score: number; hits: string[]; areaRule: AreaRule | null } | null = null;
  for (const rule of rules) {
    const areaRule = findAreaRule(area, rule.categoryId, false);
    if (rule.opdId === null && rule.externalId === null && !areaRule) continue;
    let score = 0;
    const hits: string[] = [];
    for (const kw of rule.keywords) {
      if (haystack.includes(` ${words(kw)} `)) {
        score += kw.length;
        hits.push(kw);
      }
    }
    if (score > 0 && (!best || score > best.score)) best = { rule, score, hits, areaRule };
  }
  if (best?.areaRule) {
    const r = best.areaRule;
    return { opdId: r.opdId, externalId: r.externalId, reason: "area", matchedCategoryId: best.rule.categoryId, ruleId: r.id, matchedKeywords: best.hits };
  }
  if (best) {
    return { opdId: best.rule.opdId, externalId: best.rule.externalId, reason: "keyword", matchedCategoryId: best.rule.categoryId, matchedKeywords: best.hits };
  }
  const general = findAreaRule(area, null, true);
  if (general) return { opdId: general.opdId, externalId: general.externalId, reason: "area", ruleId: general.id };
  return localOfficeOpdId !== null ? { opdId: localOfficeOpdId, externalId: null, reason: "kecamatan" } : { opdId: null, externalId: null, reason: "none" };
}
