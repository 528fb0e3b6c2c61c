import { COMPLAINT_STATUSES, type ComplaintStatus } from "@/domain/complaint-status";
import type { PublicListFilter } from "@/db/queries/public-complaints";
import { normalizeForMatching, redactContactData, REDACTED } from "@/domain/redact";
import type { Reference } from "./reference";

/** The filter fields of /aduan as typed in the address bar (kept to refill the form). */
export type PublicListValues = { q: string; status: string; kategori: string; kecamatan: string; sebelum: string };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "").trim().slice(0, 100);

/**
 * The words of a public search, without anything that could be contact data: the public list
 * shows titles redacted, so a search must not match what the redaction hides either (searching a
 * phone number would otherwise confirm which complaint holds it, an anonymous one included).
 * Contact data is removed as the redaction finds it, and so is any word with an `@`. (A short
 * fragment of a number, fewer digits than the redaction recognises, is still searched as typed.)
 */
function publicSearchWords(q: string): string {
  return redactContactData(normalizeForMatching(q))
    .split(REDACTED)
    .join(" ")
    .replace(/\S*@\S*/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** `sebelum` = "<epoch ms>.<id>": the last row of the previous page. */
function parseCursor(raw: string): PublicListFilter["before"] | undefined {
  const m = /^(\d{10,15})\.(\d{1,15})$/.exec(raw);
  return m ? { at: new Date(Number(m[1])), id: Number(m[2]) } : undefined;
}

/**
 * Reads /aduan's query string. A value that names nothing (an unknown category, a status the
 * public cannot filter by) is dropped and reported in `ignored`, so the page can say so.
 */
export function parsePublicListQuery(sp: Record<string, string | string[] | undefined>, ref: Pick<Reference, "categories" | "areas">) {
  const values: PublicListValues = { q: one(sp.q), status: one(sp.status), kategori: one(sp.kategori), kecamatan: one(sp.kecamatan), sebelum: one(sp.sebelum) };
  const filter: PublicListFilter = {};
  const ignored: (keyof PublicListValues)[] = [];
  let contactDropped = false;
  if (values.q) {
    const words = publicSearchWords(values.q);
    contactDropped = words !== values.q.replace(/\s+/g, " ");
    if (contactDropped) values.q = words;
    if (words) filter.query = words;
  }
  if (values.status) {
    if ((COMPLAINT_STATUSES as readonly string[]).includes(values.status) && values.status !== "archived") filter.status = values.status as ComplaintStatus;
    else ignored.push("status");
  }
  if (values.kategori) {
    if (ref.categories.some((c) => c.code === values.kategori)) filter.categoryCode = values.kategori;
    else ignored.push("kategori");
  }
  if (values.kecamatan) {
    const kec = ref.areas.find((k) => String(k.id) === values.kecamatan);
    if (kec) filter.kecamatanId = kec.id;
    else ignored.push("kecamatan");
  }
  if (values.sebelum) {
    filter.before = parseCursor(values.sebelum);
    if (!filter.before) ignored.push("sebelum");
  }
  for (const k of ignored) values[k] = "";
  const filtered = Boolean(filter.query || filter.status || filter.categoryCode || filter.kecamatanId);
  return { values, filter, ignored, filtered, contactDropped };
}

/** The address of a page of /aduan with the same filters, starting after `cursor` (null: the newest). */
export function publicListHref(values: PublicListValues, cursor: { at: Date; id: number } | null): string {
  const params = new URLSearchParams();
  for (const k of ["q", "status", "kategori", "kecamatan"] as const) if (values[k]) params.set(k, values[k]);
  if (cursor) params.set("sebelum", `${cursor.at.getTime()}.${cursor.id}`);
  const s = params.toString();
  return s ? `/aduan?${s}` : "/aduan";
}
