/**
 * How Pintu recognises its own writes in LAPOR. LAPOR has no field for a caller's reference, so
 * the text carries one: a complaint Pintu records in LAPOR ends with `[Pintu <tracking code>]`
 * (the tracking code is public), an answer or a forward's description with `[Ref. Pintu <event
 * id>]`. The inbound poll links such a complaint instead of importing it, and a re-send after a
 * lost answer first looks for the reference, so LAPOR never gets the same thing twice. LAPOR may
 * add text around ours, so a reference counts wherever it stands in the text.
 */

// Also as typed by hand from older exports ("[Pintu: btm-…]"): colon optional, any case.
const COMPLAINT_REF = /\[Pintu:? ?([A-Z]{2,6}-[0-9A-HJKMNP-TV-Z]{8})\]/gi;
const FOLLOWUP_REF = /\[Ref\. Pintu (\d+)\]/g;

export const complaintRef = (trackingCode: string) => `[Pintu ${trackingCode}]`;
export const withComplaintRef = (content: string, trackingCode: string) => `${content}\n\n${complaintRef(trackingCode)}`;

/** The Pintu tracking code a LAPOR complaint's text carries (the last one, if several), if Pintu created it. */
export function complaintRefOf(content: string): string | null {
  return [...content.matchAll(COMPLAINT_REF)].at(-1)?.[1]?.toUpperCase() ?? null;
}

export const followupRef = (eventId: number) => `[Ref. Pintu ${eventId}]`;
export const withFollowupRef = (content: string, eventId: number) => `${content}\n\n${followupRef(eventId)}`;

/** Every Pintu event id referenced in a text (each once). */
export function followupRefsIn(text: string): number[] {
  return [...new Set([...text.matchAll(FOLLOWUP_REF)].map((m) => Number(m[1])))];
}
