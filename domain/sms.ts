/**
 * Inbound SMS commands and the GSM-7 alphabet of the reply. Pure: the region code and every
 * limit are arguments.
 */

import { normalizeTrackingCode } from "./tracking-code";

/** Gateways send a few kilobytes at most; a larger inbound body is not an SMS (413). */
export const SMS_MAX_BODY_BYTES = 64 * 1024;

/**
 * The event a repeated SMS leaves on the complaint it was linked to (same number, same text, open,
 * 24 hours): staff see the reporter wrote again; it is not on the public timeline.
 */
export const SMS_LINKED_EVENT = "sms_linked";

/** What an inbound SMS asks for. */
export type SmsCommand =
  /** `<REGION> <text>`: a new complaint (text as sent, line breaks kept, outer blanks trimmed). */
  | { kind: "complaint"; text: string }
  /** `<REGION> CEK <code>`: the status of a complaint (code as typed, may be empty). */
  | { kind: "status"; code: string }
  /**
   * `<REGION> <code> <text>`: the reporter's answer to an information request about complaint
   * `code` (canonical; written with its region prefix). `text` may be empty.
   */
  | { kind: "reply"; code: string; text: string }
  /** Only the prefix, nothing after it. */
  | { kind: "prefix_only" }
  /** Anything else: kept for the coordinator. */
  | { kind: "unparsed" };

/**
 * Reads an SMS: the region prefix in any case, with or without a space (or `:`, `.`, `-`) after
 * it and with any blanks or line breaks around it; `CEK` followed by exactly one word is a status
 * query, `CEK` followed by a sentence is a complaint that happens to start with "cek". A first
 * word that is a whole tracking code with its region prefix (`BTM-7K3Q9MZD`, any case, dash
 * optional) makes the rest a reply to that complaint; without the prefix it is not read as a code
 * (plenty of Indonesian words, "sekarang" among them, are eight Crockford letters).
 */
export function parseSms(text: string, region: string): SmsCommand {
  const normalised = text.replace(/\r\n?/g, "\n").trim();
  const prefix = new RegExp(`^${region.replace(/[^A-Za-z0-9]/g, "")}`, "i");
  const m = prefix.exec(normalised);
  if (!m) return { kind: "unparsed" };
  const rest = normalised.slice(m[0].length).replace(/^[\s:.,-]+/, "").trim();
  if (rest === "") return { kind: "prefix_only" };
  const cek = /^cek(?:[\s:.,-]+|$)([\s\S]*)$/i.exec(rest);
  if (cek) {
    const arg = cek[1]!.trim();
    if (!/\s/.test(arg)) return { kind: "status", code: arg };
  }
  const first = /^(\S+?)[:.,]?(?:\s|$)/.exec(rest);
  const code = first ? normalizeTrackingCode(first[1]!, region) : null;
  if (code && first![1]!.toUpperCase().startsWith(region.toUpperCase())) {
    return { kind: "reply", code, text: rest.slice(first![0].length).replace(/^[\s:.,-]+/, "").trim() };
  }
  return { kind: "complaint", text: rest };
}

/** The first words of a complaint, at most `max` characters, cut at a word boundary: its title. */
export function titleFromText(text: string, max: number): string {
  const firstLine = text.split("\n").map((l) => l.trim()).find((l) => l.length > 0) ?? "";
  const oneLine = firstLine.replace(/\s+/g, " ");
  if (oneLine.length <= max) return oneLine;
  const cut = oneLine.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace >= max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,.;:-]+$/, "")}…`;
}

/** Collapses blanks and case so the same complaint typed twice compares equal. */
export function sameTextKey(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

// GSM 03.38: the default alphabet, and the extension table (each costs two septets).
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = "^{}\\[~]|€\f";
const BASIC = new Set(GSM_BASIC);
const EXTENDED = new Set(GSM_EXTENDED);

/** Characters outside GSM-7 with a readable GSM-7 spelling. */
const TRANSLITERATE: Record<string, string> = {
  "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'", "´": "'",
  "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"', "«": '"', "»": '"',
  "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
  "\u2026": "...", "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ",
  "\u2022": "-", "·": "-", "×": "x", "÷": "/", "°": "o", "²": "2", "³": "3", "½": "1/2",
  "©": "(c)", "®": "(R)", "™": "TM", "₹": "Rs", "¢": "c",
};

/** True when `c` (one code point) can be sent in GSM-7. */
export function isGsm7Char(c: string): boolean {
  return BASIC.has(c) || EXTENDED.has(c);
}

/** Number of septets `text` takes in GSM-7 (extension characters count two); it must be GSM-7 already. */
export function gsm7Length(text: string): number {
  let n = 0;
  for (const c of text) n += EXTENDED.has(c) ? 2 : 1;
  return n;
}

/**
 * Rewrites any text into the GSM-7 alphabet: keeps GSM characters, spells typographic quotes,
 * dashes and the like in ASCII, drops accents that GSM lacks (ş → s), and removes what has no
 * spelling (emoji, other scripts); runs of blanks left behind collapse to one.
 */
export function toGsm7(text: string): string {
  let out = "";
  for (const c of text) {
    if (c === "\r") continue;
    if (isGsm7Char(c)) out += c;
    else if (TRANSLITERATE[c] !== undefined) out += TRANSLITERATE[c];
    else {
      const base = c.normalize("NFKD").replace(/\p{M}/gu, "");
      out += [...base].every(isGsm7Char) ? base : "";
    }
  }
  return out.replace(/[ ]{2,}/g, " ").replace(/ +\n/g, "\n").trim();
}

/**
 * One SMS: `text` in GSM-7, cut to at most `max` septets (160 for one message), ending in
 * "..." when cut.
 */
export function fitSms(text: string, max = 160): string {
  const gsm = toGsm7(text);
  if (gsm7Length(gsm) <= max) return gsm;
  let out = "";
  let n = 0;
  for (const c of gsm) {
    const w = EXTENDED.has(c) ? 2 : 1;
    if (n + w > max - 3) break;
    out += c;
    n += w;
  }
  return `${out.trimEnd()}...`;
}

/**
 * One SMS made of a fixed wording around a free `message` (staff-written, any length): the
 * message is cut so the wording — e.g. how to answer — always survives whole.
 */
export function fitSmsAround(render: (message: string) => string, message: string, max = 160): string {
  const whole = toGsm7(render(message));
  if (gsm7Length(whole) <= max) return whole;
  // Measured with a one-character stand-in, so blanks around the message count as they will.
  const room = max - gsm7Length(toGsm7(render("#"))) + 1;
  const gsm = toGsm7(message.replace(/\s+/g, " "));
  return fitSms(render(room >= 8 ? fitSms(gsm, room) : ""), max);
}
