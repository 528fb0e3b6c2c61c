/**
 * Normalises an Indonesian phone number written as `08…`, `628…` or `+628…` (spaces, dots,
 * dashes and brackets allowed) to E.164 `+62…`, or returns null when it is not a plausible number.
 */
export function normalizePhone(input: string): string | null {
  const compact = input.trim().replace(/[\s.\-()]/g, "");
  if (!/^\+?\d+$/.test(compact)) return null;
  let national: string;
  if (compact.startsWith("+62")) national = compact.slice(3);
  else if (compact.startsWith("62")) national = compact.slice(2);
  else if (compact.startsWith("0")) national = compact.slice(1);
  else return null;
  if (national.startsWith("0")) return null;
  // Indonesian numbers are 8–12 digits after the country code (mobile 9–12, landline 8–11).
  if (national.length < 8 || national.length > 12) return null;
  return `+62${national}`;
}
