/** A routing rule as the domain sees it: a category and where its complaints usually go. */
export type RoutingRule = {
  categoryId: number;
  opdId: number | null;
  externalId: number | null;
  keywords: readonly string[];
};

export type RouteSuggestion = {
  opdId: number | null;
  externalId: number | null;
  reason: "category" | "keyword" | "kecamatan" | "none";
  matchedCategoryId?: number;
};

/**
 * Suggests where a complaint should go: the chosen category's rule when it has a target,
 * otherwise the category whose keywords occur most often in the title and body (whole words),
 * otherwise the kecamatan office of the complaint's area, which handles local matters.
 */
export function suggestRoute(
  text: string,
  chosenCategoryId: number | null,
  rules: readonly RoutingRule[],
  localOfficeOpdId: number | null = null,
): RouteSuggestion {
  const chosen = rules.find((r) => r.categoryId === chosenCategoryId);
  if (chosen && (chosen.opdId !== null || chosen.externalId !== null)) {
    return { opdId: chosen.opdId, externalId: chosen.externalId, reason: "category", matchedCategoryId: chosen.categoryId };
  }
  // Hyphens separate words too, so "KTP-el" matches "ktp" and "e-ktp" matches "e ktp".
  const words = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  const haystack = ` ${words(text)} `;
  let best: { rule: RoutingRule; score: number } | null = null;
  for (const rule of rules) {
    if (rule.opdId === null && rule.externalId === null) continue;
    let score = 0;
    for (const kw of rule.keywords) if (haystack.includes(` ${words(kw)} `)) score += kw.length;
    if (score > 0 && (!best || score > best.score)) best = { rule, score };
  }
  if (!best) {
    return localOfficeOpdId !== null
      ? { opdId: localOfficeOpdId, externalId: null, reason: "kecamatan" }
      : { opdId: null, externalId: null, reason: "none" };
  }
  return { opdId: best.rule.opdId, externalId: best.rule.externalId, reason: "keyword", matchedCategoryId: best.rule.categoryId };
}
