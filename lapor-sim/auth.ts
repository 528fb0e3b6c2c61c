/**
 * Who may use the simulator: its LAPOR API takes the credentials it was started with (the
 * portal's own, in the demo), its admin API only callers on this machine with the admin token.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

type Refusal = { status: number; body: { message: string } };
const fail = (status: number, message: string): Refusal => ({ status, body: { message } });

/** A random secret for the admin API or the demo's LAPOR credentials. */
export const randomSecret = () => randomBytes(24).toString("base64url");

const digest = (s: string) => createHash("sha256").update(s).digest();
/** Compares a presented secret with the expected one in constant time. */
export const sameSecret = (given: string | string[] | undefined, expected: string) => typeof given === "string" && timingSafeEqual(digest(given), digest(expected));

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith("::ffff:") ? address.slice(7) : address;
  return a === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/**
 * The admin API reads personal data and switches faults: only a caller on this machine that
 * shows the admin token gets it (403 from elsewhere, 401 without the token; no data either way).
 */
export function adminRefusal(req: IncomingMessage, adminToken: string): Refusal | null {
  if (!isLoopback(req.socket.remoteAddress)) return fail(403, "The simulator's admin API is served only to this machine.");
  if (!sameSecret(req.headers["x-admin-token"], adminToken)) return fail(401, "X-Admin-Token missing or wrong (printed when the simulator started).");
  return null;
}
