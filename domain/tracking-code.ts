/** Crockford base32 alphabet: no I, L, O or U, so codes survive being read aloud or hand-written. */
export const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Builds a tracking code `<REGION>-<8 chars>` from 5 random bytes (40 bits). */
export function makeTrackingCode(region: string, random: Uint8Array): string {
  if (random.length < 5) throw new Error("makeTrackingCode needs 5 random bytes");
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(random[i]!);
  let out = "";
  for (let i = 7; i >= 0; i--) out += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${region}-${out}`;
}

/**
 * Normalises what a person typed into a canonical tracking code, or null if it cannot be one.
 * Case-insensitive; Crockford's look-alikes (O→0, I/L→1) are folded; spaces and dashes ignored.
 */
export function normalizeTrackingCode(input: string, region: string): string | null {
  const cleaned = input.trim().toUpperCase().replace(/[\s-]+/g, "");
  const prefix = region.toUpperCase();
  if (!cleaned.startsWith(prefix)) return null;
  const tail = cleaned.slice(prefix.length).replace(/O/g, "0").replace(/[IL]/g, "1");
  if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(tail)) return null;
  return `${prefix}-${tail}`;
}
