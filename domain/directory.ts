import { z } from "zod";

/**
 * What the administrator types into the directory editors (OPDs, categories, areas, external
 * institutions, area routing rules). Form fields arrive as strings; blanks mean "none". Messages
 * are catalogue keys under `directory.errors`.
 */

const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : trimmed(v));

const name = z.preprocess(trimmed, z.string({ error: "name" }).min(2, "name").max(200, "name"));
const optionalText = (max: number, key: string) => z.preprocess(blankToUndefined, z.string().max(max, key).optional());
/** Stable identifiers: capitals, digits and hyphens (e.g. DISDUKCAPIL, KEC-NONGSA). */
export const codeSchema = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
  z.string({ error: "code" }).regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, "code"),
);
const optionalCode = z.preprocess(blankToUndefined, codeSchema.optional());
const email = z.preprocess(
  (v) => (typeof v === "string" && v.trim() !== "" ? v.trim().toLowerCase() : undefined),
  z.string().max(254, "email").regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "email").optional(),
);
const checkbox = z.preprocess((v) => v === "on" || v === "1" || v === "true" || v === true, z.boolean());
const id = z.coerce.number({ error: "invalid" }).int("invalid").positive("invalid");

const OPD_KINDS = ["opd", "kecamatan"] as const;

export const opdInputSchema = z
  .object({
    name,
    shortName: optionalText(40, "shortName"),
    kind: z.enum(OPD_KINDS, { error: "kind" }),
    kecamatanId: z.preprocess(blankToUndefined, id.optional()),
    parentCode: optionalCode,
    email,
    laporId: optionalText(64, "laporId"),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "kecamatan" && v.kecamatanId === undefined) ctx.addIssue({ code: "custom", path: ["kecamatanId"], message: "kecamatanRequired" });
  });

/** Keywords typed one per line or separated by commas: lower-cased, unique, each 2–60 characters. */
export const keywordsSchema = z.preprocess(
  (v) =>
    typeof v === "string"
      ? [...new Set(v.split(/[,\n;]+/).map((k) => k.trim().toLowerCase()).filter(Boolean))]
      : v,
  z.array(z.string().min(2, "keyword").max(60, "keyword")).max(60, "keywords"),
);

const slaDays = z.preprocess((v) => (v === "" || v === null || v === undefined ? undefined : v), z.coerce.number().int("slaDays").min(1, "slaDays").max(60, "slaDays").optional());

export const categoryInputSchema = z
  .object({
    name,
    nameEn: optionalText(200, "nameEn"),
    description: optionalText(1000, "description"),
    opdCode: optionalCode,
    forwardOutside: checkbox,
    externalCode: optionalCode,
    keywords: keywordsSchema,
    verification: slaDays,
    firstResponse: slaDays,
    resolution: slaDays,
    autoClose: slaDays,
  })
  .superRefine((v, ctx) => {
    if (v.forwardOutside && !v.externalCode) ctx.addIssue({ code: "custom", path: ["externalCode"], message: "externalRequired" });
    if (v.forwardOutside && v.opdCode) ctx.addIssue({ code: "custom", path: ["opdCode"], message: "opdOrExternal" });
  });

export const institutionInputSchema = z.object({ name, handles: optionalText(500, "handles") });

export const areaNameSchema = z.object({ name: z.preprocess(trimmed, z.string({ error: "name" }).min(2, "name").max(100, "name")) });

/** "kec:12" or "kel:345": the area a routing rule covers. */
const areaRefSchema = z.preprocess(
  trimmed,
  z.string({ error: "area" }).regex(/^(kec|kel):[1-9]\d{0,9}$/, "area").transform((s) => {
    const [level, n] = s.split(":") as ["kec" | "kel", string];
    return { level, id: Number(n) };
  }),
);
/** "opd:CODE" or "ext:CODE": where a routing rule sends complaints. */
const targetRefSchema = z.preprocess(
  trimmed,
  z.string({ error: "target" }).regex(/^(opd|ext):[A-Z0-9][A-Z0-9-]{1,39}$/, "target").transform((s) => {
    const [kind, code] = s.split(":") as ["opd" | "ext", string];
    return { kind, code };
  }),
);

export const routingRuleInputSchema = z.object({
  categoryCode: optionalCode,
  area: areaRefSchema,
  target: targetRefSchema,
  note: optionalText(200, "note"),
});

/** The "coba" box: a sample complaint to route. */
export const routeTrialSchema = z.object({
  text: z.preprocess(trimmed, z.string().max(5000, "text")),
  categoryCode: optionalCode,
  area: z.preprocess(blankToUndefined, areaRefSchema.optional()),
});

/** What changed between two versions of a row: the fields whose values differ. */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown>): string[] {
  if (!before) return Object.keys(after);
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)).sort();
}
