/**
 * How Pintu recognises its own writes in LAPOR. LAPOR has no field for a caller's reference, so
 * the text carries one: a complaint Pintu records in LAPOR ends with `[Pintu <tracking code>]`
 * (the tracking code is public), an answer with `[Ref. Pintu <event id>]`. The inbound poll links
 * such a complaint instead of importing it, and a re-send after a lost answer first looks for
 * the reference, so LAPOR never gets the same thing twice.
 */

const COMPLAINT_REF = /\[Pintu ([A-Z]{2,6}-[0-9A-HJKMNP-TV-Z]{8})\]\s*$/;

export const withComplaintRef = (content: string, trackingCode: string) => `${content}\n\n[Pintu ${trackingCode}]`;

/** The Pintu tracking code a LAPOR complaint's text ends with, if Pintu created it. */
export function complaintRefOf(content: string): string | null {
  return COMPLAINT_REF.exec(content)?.[1] ?? null;
}

export const followupRef = (eventId: number) => `[Ref. Pintu ${eventId}]`;
export const withFollowupRef = (content: string, eventId: number) => `${content}\n\n${followupRef(eventId)}`;

/** True when a LAPOR follow-up's text carries the reference of this Pintu event. */
export const hasFollowupRef = (content: string, eventId: number) => content.trimEnd().endsWith(followupRef(eventId));
