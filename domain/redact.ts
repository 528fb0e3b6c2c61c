/**
 * Removes contact data a citizen may have typed into a public text: phone numbers (08…, 628…,
 * +62…, with spaces, dots or dashes), e-mail addresses and 16-digit NIK. Names cannot be found
 * reliably and are left; the anonymous flag keeps the reporter's own name out of public views.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// 16 digits in a row, possibly grouped: a NIK (or a card number — also not for the public).
const NIK = /(?<!\d)\d(?:[ .-]?\d){15}(?!\d)/g;
// Indonesian mobile and landline numbers: 0 or 62 or +62, then 7–12 more digits, grouped freely.
const PHONE = /(?<![\p{L}\p{N}])(?:\+?62|0)[ .-]?\d{2,4}(?:[ .-]?\d{2,5}){1,3}(?![\p{L}\p{N}])/gu;

/** The placeholder shown instead of removed contact data. */
export const REDACTED = "[disembunyikan]";

/** The text with e-mail addresses, NIK and phone numbers replaced by a placeholder. */
export function redactContactData(text: string): string {
  return text
    .replace(EMAIL, REDACTED)
    .replace(NIK, REDACTED)
    .replace(PHONE, (m) => (m.replace(/\D/g, "").length >= 9 ? REDACTED : m));
}
