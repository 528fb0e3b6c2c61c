import { describe, expect, it } from "vitest";
import { findAreaRule, suggestRoute, type AreaRule, type RoutingRule } from "./routing";

// Ids as in a seeded database: categories 1..n, OPDs and external institutions by number.
const ADMINDUK = 1, JALAN = 2, AIR = 3, LAINNYA = 4, TIDAK_TAHU = 5, SAMPAH = 6;
const DISDUKCAPIL = 10, BINAMARGA = 11, DLH = 12, SPAM = 100;

const rules: RoutingRule[] = [
  { categoryId: ADMINDUK, opdId: DISDUKCAPIL, externalId: null, keywords: ["ktp", "e-ktp", "kk", "kartu keluarga", "akta"] },
  { categoryId: JALAN, opdId: BINAMARGA, externalId: null, keywords: ["jalan rusak", "berlubang", "aspal", "drainase"] },
  { categoryId: AIR, opdId: null, externalId: SPAM, keywords: ["air mati", "air keruh", "pdam"] },
  { categoryId: LAINNYA, opdId: null, externalId: null, keywords: ["sampah"] },
  { categoryId: TIDAK_TAHU, opdId: null, externalId: null, keywords: [] },
  { categoryId: SAMPAH, opdId: DLH, externalId: null, keywords: ["sampah", "bau"] },
];

describe("suggestRoute", () => {
  it("follows the chosen category's rule, whatever the text says", () => {
    expect(suggestRoute("Jalan rusak dan berlubang", ADMINDUK, rules)).toEqual({
      opdId: DISDUKCAPIL,
      externalId: null,
      reason: "category",
      matchedCategoryId: ADMINDUK,
    });
  });

  it("routes a category handled outside the city to its external institution", () => {
    expect(suggestRoute("apa saja", AIR, rules)).toMatchObject({ opdId: null, externalId: SPAM, reason: "category" });
  });

  it.each([
    ["'saya tidak tahu'", TIDAK_TAHU],
    ["'lainnya'", LAINNYA],
    ["no category", null],
    ["an unknown category id", 999],
  ])("falls back to keywords when the citizen chose %s", (_name, chosen) => {
    expect(suggestRoute("KTP saya hilang, bagaimana mengurus yang baru?", chosen, rules)).toEqual({
      opdId: DISDUKCAPIL,
      externalId: null,
      reason: "keyword",
      matchedCategoryId: ADMINDUK,
      matchedKeywords: ["ktp"],
    });
  });

  it.each([
    ["KTP,hilang", ADMINDUK, "punctuation next to the word"],
    ["Mengurus e-KTP lama", ADMINDUK, "a hyphenated keyword"],
    ["KTP-el belum jadi", ADMINDUK, "a keyword joined to another word by a hyphen"],
    ["Kartu   Keluarga\nbelum jadi", ADMINDUK, "a phrase across extra spaces and a newline"],
    ["Air keruh sejak kemarin", AIR, "a phrase routed to an external institution"],
    ["Jalan ini berlubang.", JALAN, "a keyword at the end of a sentence"],
  ])("matches %j as a whole word (%s)", (text, categoryId) => {
    expect(suggestRoute(text, null, rules)).toMatchObject({ reason: "keyword", matchedCategoryId: categoryId });
  });

  it.each([
    ["kkn di kantor", "a keyword inside a longer word (kk in kkn)"],
    ["pengaspalan", "a keyword as part of a word (aspal)"],
    ["air di rumah", "only part of a phrase"],
    ["", "an empty text"],
  ])("does not match %j (%s)", (text) => {
    expect(suggestRoute(text, null, rules)).toEqual({ opdId: null, externalId: null, reason: "none" });
  });

  it("prefers the category whose keywords cover more of the text", () => {
    // "jalan rusak" (11) + "aspal" (5) outweighs "kk" (2).
    expect(suggestRoute("KK saya tertinggal, jalan rusak dan aspal mengelupas", null, rules)).toMatchObject({
      opdId: BINAMARGA,
      matchedCategoryId: JALAN,
    });
  });

  it("ignores keywords of categories with no target (coordinator decides)", () => {
    // LAINNYA lists "sampah" but routes nowhere; SAMPAH routes to DLH.
    expect(suggestRoute("Tumpukan sampah di pasar", null, rules)).toMatchObject({ opdId: DLH, matchedCategoryId: SAMPAH });
  });

  it("falls back to the kecamatan office of the complaint's area when nothing else matches", () => {
    const KEC_NONGSA = 40;
    expect(suggestRoute("Pertanyaan umum tentang kantor", null, rules, KEC_NONGSA)).toEqual({ opdId: KEC_NONGSA, externalId: null, reason: "kecamatan" });
    expect(suggestRoute("KTP hilang", null, rules, KEC_NONGSA)).toMatchObject({ opdId: DISDUKCAPIL, reason: "keyword" });
    expect(suggestRoute("apa saja", JALAN, rules, KEC_NONGSA)).toMatchObject({ opdId: BINAMARGA, reason: "category" });
  });

  it("suggests nothing when no rule has a target", () => {
    const untargeted = rules.map((r) => ({ ...r, opdId: null, externalId: null }));
    expect(suggestRoute("KTP hilang", ADMINDUK, untargeted).reason).toBe("none");
  });

  describe("area rules", () => {
    const KEC_NONGSA = 40, KEL_SAMBAU = 400, KEL_BATU_BESAR = 401, KEC_SEKUPANG = 41;
    const KEC_OFFICE = 90, UPT = 91, PUSKESMAS = 92;
    const area = (kelurahanId: number | null, kecamatanId: number | null, list: AreaRule[]) => ({ kecamatanId, kelurahanId, rules: list });
    const areaRules: AreaRule[] = [
      { id: 1, categoryId: JALAN, kecamatanId: KEC_NONGSA, kelurahanId: null, opdId: UPT, externalId: null },
      { id: 2, categoryId: JALAN, kecamatanId: KEC_NONGSA, kelurahanId: KEL_SAMBAU, opdId: KEC_OFFICE, externalId: null },
      { id: 3, categoryId: null, kecamatanId: KEC_SEKUPANG, kelurahanId: null, opdId: PUSKESMAS, externalId: null },
    ];

    it("prefers the kelurahan's rule to the kecamatan's, and both to the category's own target", () => {
      expect(suggestRoute("apa saja", JALAN, rules, null, area(KEL_SAMBAU, KEC_NONGSA, areaRules))).toMatchObject({ opdId: KEC_OFFICE, reason: "area", ruleId: 2 });
      expect(suggestRoute("apa saja", JALAN, rules, null, area(KEL_BATU_BESAR, KEC_NONGSA, areaRules))).toMatchObject({ opdId: UPT, reason: "area", ruleId: 1 });
      expect(suggestRoute("apa saja", JALAN, rules, null, area(null, KEC_SEKUPANG, areaRules.slice(0, 2)))).toMatchObject({ opdId: BINAMARGA, reason: "category" });
    });

    it("applies the area rule of the category the keywords chose", () => {
      expect(suggestRoute("Jalan rusak di depan rumah", null, rules, null, area(KEL_SAMBAU, KEC_NONGSA, areaRules))).toMatchObject({
        opdId: KEC_OFFICE,
        reason: "area",
        matchedCategoryId: JALAN,
        matchedKeywords: ["jalan rusak"],
      });
    });

    it("uses a rule for any category only when neither the category nor the keywords decide", () => {
      expect(suggestRoute("Pertanyaan umum", null, rules, KEC_OFFICE, area(null, KEC_SEKUPANG, areaRules))).toMatchObject({ opdId: PUSKESMAS, reason: "area", ruleId: 3 });
      expect(suggestRoute("KTP hilang", null, rules, KEC_OFFICE, area(null, KEC_SEKUPANG, areaRules))).toMatchObject({ opdId: DISDUKCAPIL, reason: "keyword" });
    });

    it("ignores rules without a target and complaints without an area", () => {
      const untargeted = areaRules.map((r) => ({ ...r, opdId: null }));
      expect(suggestRoute("apa saja", JALAN, rules, null, area(KEL_SAMBAU, KEC_NONGSA, untargeted))).toMatchObject({ reason: "category" });
      expect(findAreaRule(area(null, null, areaRules), JALAN, true)).toBeNull();
    });
  });
});
