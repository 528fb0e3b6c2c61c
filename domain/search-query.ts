import { normalizePhone } from "./phone";
import { normalizeTrackingCode } from "./tracking-code";

/**
 * What a staff search box query asks for. A query may be several things at once (eight letters
 * are a code and a word, digits a phone number and a LAPOR number): each reading is tried.
 */
export type SearchQuery = {
  /** The complaint code, canonical (`BTM-7K3Q9MZD`), when the text reads as one (prefix optional). */
  code: string | null;
  /** A single token that may be a LAPOR tracking id or LAPOR id, as typed. */
  laporId: string | null;
  /** Contact data (coordinator and admin only): a phone in E.164, an e-mail (lower case), a NIK. */
  contact: { kind: "phone" | "email" | "nik"; value: string } | null;
  /** Words for the full-text and typo search; null when the query is only contact data. */
  words: string | null;
};

export const MAX_QUERY = 200;

/** A phone number however Indonesians write it: 0812…, +62 812…, 62812…, 812-…, with spaces, dots or dashes. */
export function phoneFrom(text: string): string | null {
  const direct = normalizePhone(text);
  if (direct) return direct;
  const compact = text.trim().replace(/[\s.\-()]/g, "");
  return /^8\d{7,11}$/.test(compact) ? normalizePhone(`0${compact}`) : null;
}

/** Reads the search box: trims, bounds the length, and finds every reading of the text. */
export function parseSearchQuery(raw: string, region: string): SearchQuery | null {
  const q = raw.replace(/\s+/g, " ").trim().slice(0, MAX_QUERY);
  if (q.length === 0) return null;
  const single = !q.includes(" ");
  const prefix = region.toUpperCase();
  const code = normalizeTrackingCode(q, region) ?? (single && q.length === 8 ? normalizeTrackingCode(`${prefix}-${q}`, region) : null);
  let contact: SearchQuery["contact"] = null;
  const digits = q.replace(/[\s.-]/g, "");
  if (/^\d{16}$/.test(digits)) contact = { kind: "nik", value: digits };
  else if (single && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(q)) contact = { kind: "email", value: q.toLowerCase() };
  else {
    const phone = phoneFrom(q);
    if (phone) contact = { kind: "phone", value: phone };
  }
  const laporId = single && /^[A-Za-z0-9-]{3,40}$/.test(q) ? q : null;
  // Contact data is never searched as words: an officer must not find a phone typed in a body.
  const words = contact || /^[\d\s.+-]+$/.test(q) ? null : q;
  return { code, laporId, contact, words };
}
