/**
 * Answer templates' placeholders: `{nama}` (the reporter's name — only when known and this
 * reader may see it; otherwise a polite form of address), `{kode}` (tracking code),
 * `{tanggal_aduan}` (the day the complaint came in), `{hari_ini}` (today), `{opd}` and
 * `{kategori}`. Unknown placeholders are left as written, so a typo shows in the preview.
 */
export const PLACEHOLDERS = ["nama", "kode", "tanggal_aduan", "hari_ini", "opd", "kategori"] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

export type TemplateFacts = {
  /** null when anonymous, not given, or hidden from this reader. */
  reporterName: string | null;
  code: string;
  submittedOn: string;
  today: string;
  opd: string | null;
  category: string | null;
};

const ADDRESS = { id: "Bapak/Ibu", en: "Sir/Madam" } as const;

/** The template's text with its placeholders filled. */
export function fillTemplate(body: string, f: TemplateFacts, lang: "id" | "en"): string {
  const values: Record<Placeholder, string> = {
    nama: f.reporterName?.trim() || ADDRESS[lang],
    kode: f.code,
    tanggal_aduan: f.submittedOn,
    hari_ini: f.today,
    opd: f.opd ?? "",
    kategori: f.category ?? "",
  };
  return body.replace(/\{([a-z_]+)\}/g, (whole, name: string) => ((PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : whole));
}

/** Placeholders written in `body` that do not exist (the editor refuses them). */
export function unknownPlaceholders(body: string): string[] {
  return [...body.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]!).filter((n) => !(PLACEHOLDERS as readonly string[]).includes(n));
}
