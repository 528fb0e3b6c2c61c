import { z } from "zod";
import { normalizePhone } from "./phone";

/** A contact a reporter types to prove who they are: a phone number (for SMS) or an e-mail address. */
export type Contact = { channel: "sms"; value: string } | { channel: "email"; value: string };

const email = z.email().max(254);

/** Reads what was typed as an Indonesian phone number (E.164) or an e-mail address (lower case), or null. */
export function parseContact(input: string): Contact | null {
  const typed = input.trim();
  if (typed.includes("@")) return email.safeParse(typed).success ? { channel: "email", value: typed.toLowerCase() } : null;
  const phone = normalizePhone(typed);
  return phone ? { channel: "sms", value: phone } : null;
}

/** Whether a typed contact is the one stored on the complaint (e-mail compared without case). */
export function contactMatches(contact: Contact, stored: { phone: string | null; email: string | null }): boolean {
  if (contact.channel === "sms") return stored.phone !== null && stored.phone === contact.value;
  return stored.email !== null && stored.email.toLowerCase() === contact.value;
}

/** `+6281234567890` → `+62 812•••••890`: enough for the reporter to recognise, not to copy. */
export function maskPhone(phone: string): string {
  const national = phone.replace(/^\+62/, "");
  return `+62 ${national.slice(0, 3)}${"•".repeat(Math.max(1, national.length - 6))}${national.slice(-3)}`;
}

/** `budi.santoso@example.com` → `b•••@example.com`. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  return `${address.slice(0, 1)}•••${address.slice(at)}`;
}
