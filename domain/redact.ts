/**
 * Removes contact data a citizen may have typed into a text shown to someone who must not see it
 * (the public; an OPD for an anonymous complaint): phone numbers (mobile and landline, 0…, 62…,
 * +62… or any +country, grouped with spaces, dots, dashes, slashes or parentheses), e-mail
 * addresses (also `nama @ contoh.id`, `[at]`) and identity numbers (NIK/KK, 16 digits; NPWP,
 * 15). The text is first normalised (NFKC, so full-width digits and `＠` count; zero-width and
 * other invisible formatting characters removed; every script's digits read as digits), so
 * such tricks cannot split a number. Names cannot be found reliably and are left; the anonymous
 * flag keeps the reporter's own name out of those views.
 *
 * What must survive: dates and times, amounts (`Rp 1.500.000`), RT/RW and house numbers, postal
 * codes and tracking codes (`BTM-7K3Q9MZD`, never touched).
 */

/** The placeholder shown instead of removed contact data. */
export const REDACTED = "[disembunyikan]";

// Invisible formatting characters (zero-width space/joiners, word joiner, BOM, soft hyphen,
// bidi controls…) and variation selectors.
const INVISIBLE = /[\p{Cf}\u{FE00}-\u{FE0F}\u{180E}]/gu;
const DIGIT = /\p{Nd}/gu;

/** NFKC, without invisible characters, every decimal digit as 0–9. */
export function normalizeForMatching(text: string): string {
  return text
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .replace(DIGIT, (d) => {
      if (d >= "0" && d <= "9") return d;
      // Unicode puts each script's digits 0–9 in a run of ten code points.
      let cp = d.codePointAt(0)!;
      let value = 0;
      while (value < 9 && /\p{Nd}/u.test(String.fromCodePoint(cp - 1))) {
        cp -= 1;
        value += 1;
      }
      return String(value);
    });
}

const AT = String.raw`\s*(?:@|\[at\]|\(at\))\s*`;
const EMAIL = new RegExp(String.raw`[\p{L}\p{N}._%+-]+${AT}[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}`, "giu");
// Tracking codes are never contact data, whatever digits they hold.
const TRACKING_CODE = /\b[A-Z]{2,5}-[0-9A-HJKMNP-TV-Z]{8}\b/g;
// A run of digit groups: each group optionally with a leading `+` and/or in parentheses, groups
// apart by one to three separators.
const GROUP = String.raw`(?:\(\+?|\+\(?)?\d+\)?`;
const SEP = String.raw`[ \t.\-/_\u2010-\u2015\u2212]`;
const RUN = new RegExp(String.raw`(?<!\p{N})${GROUP}(?:${SEP}{1,3}${GROUP})*`, "gu");

type Group = { digits: string; plus: boolean; start: number; end: number; sep: string };

// How NIK/KK (16 digits, never starting with 0) and NPWP (15) are written.
const NIK_SHAPES = new Set(["16", "4,4,4,4", "6,6,4", "6,10", "2,2,2,6,4"]);
const NPWP_SHAPES = new Set(["15", "2,3,3,1,3,3"]);

function isIdNumber(groups: Group[]): boolean {
  if (groups.some((g) => g.plus)) return false;
  const shape = groups.map((g) => g.digits.length).join(",");
  return (NIK_SHAPES.has(shape) && groups[0]!.digits[0] !== "0") || NPWP_SHAPES.has(shape);
}

function isPhone(groups: Group[]): boolean {
  const first = groups[0]!;
  const digits = groups.map((g) => g.digits).join("");
  if (first.plus) return digits.length >= 8 && digits.length <= 15;
  // An amount in Indonesian notation (1.500.000) is not a phone number.
  if (groups.length > 1 && /^[1-9]\d{0,2}$/.test(first.digits) && groups.slice(1).every((g) => g.digits.length === 3 && /^[.,]$/.test(g.sep))) return false;
  if (first.digits.startsWith("62")) return digits.length >= 10 && digits.length <= 15;
  // 0 + operator or area code (08xx, 021, 0778) in the first group: dates (01-02-2026) and
  // times (08.00) have two digits there.
  if (/^0[1-9]\d/.test(first.digits)) return digits.length >= 9 && digits.length <= 13;
  return false;
}

/** The spans of phone and identity numbers in one run of digit groups. */
function numberSpans(run: string, offset: number): [number, number][] {
  const groups: Group[] = [];
  for (const m of run.matchAll(new RegExp(`(${SEP}{0,3})(${GROUP})`, "gu"))) {
    const start = offset + m.index! + m[1]!.length;
    groups.push({ digits: m[2]!.replace(/\D/g, ""), plus: m[2]!.includes("+"), start, end: start + m[2]!.length, sep: m[1]!.trim() || " " });
  }
  const spans: [number, number][] = [];
  for (let i = 0; i < groups.length; i++) {
    for (let j = groups.length; j > i; j--) {
      const part = groups.slice(i, j);
      if (isPhone(part) || isIdNumber(part)) {
        spans.push([part[0]!.start, part.at(-1)!.end]);
        i = j - 1;
        break;
      }
    }
  }
  return spans;
}

function redactPart(text: string): string {
  const emailless = text.replace(EMAIL, REDACTED);
  const spans: [number, number][] = [];
  for (const m of emailless.matchAll(RUN)) spans.push(...numberSpans(m[0], m.index!));
  let out = "";
  let at = 0;
  for (const [s, e] of spans) {
    out += emailless.slice(at, s) + REDACTED;
    at = e;
  }
  return out + emailless.slice(at);
}

/** The text, normalised, with e-mail addresses, phone and identity numbers replaced by a placeholder. */
export function redactContactData(text: string): string {
  const normal = normalizeForMatching(text);
  let out = "";
  let at = 0;
  for (const m of normal.matchAll(TRACKING_CODE)) {
    out += redactPart(normal.slice(at, m.index!)) + m[0];
    at = m.index! + m[0].length;
  }
  return out + redactPart(normal.slice(at));
}

/** What a complaint records of its reporter. */
export type ReporterIdentity = { reporterName: string | null; reporterPhone: string | null; reporterEmail: string | null; reporterNik: string | null };

// Words of a name that say nothing about who it is (forms of address, "warga", "anonim").
const NOT_A_NAME = new Set(["bapak", "pak", "ibu", "bu", "saudara", "sdr", "sdri", "warga", "anonim", "hamba", "allah", "bin", "binti", "dan", "the"]);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The text with contact data removed (as `redactContactData`) and also the reporter's own
 * recorded name, each word of it (a first name alone identifies in a kelurahan), wherever it
 * appears as a word, any case. For the text of an anonymous complaint shown to staff who may
 * not know who sent it.
 */
export function redactIdentity(text: string, who: ReporterIdentity): string {
  const redacted = redactContactData(text);
  const words = normalizeForMatching(who.reporterName ?? "")
    .split(/[^\p{L}\p{N}'-]+/u)
    .filter((w) => w.length >= 3 && !NOT_A_NAME.has(w.toLowerCase()));
  const literal = [who.reporterEmail, who.reporterPhone, who.reporterNik].filter((v): v is string => !!v && v.length >= 5).map(normalizeForMatching);
  const all = [...literal, ...words].sort((a, b) => b.length - a.length).map(escapeRegExp);
  if (all.length === 0) return redacted;
  return redacted.replace(new RegExp(`(?<![\\p{L}\\p{N}])(?:${all.join("|")})(?![\\p{L}\\p{N}])`, "giu"), REDACTED);
}
