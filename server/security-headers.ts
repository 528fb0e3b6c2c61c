import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The security headers of every response of the production server (scripts/start.ts; under
 * `next start` and `next dev`, proxy.ts sets the same): pages,
 * route handlers, the fast paths, files and exports, static assets (issue 12 item 3; README
 * "Security"). Set before anything answers, so no kind of response can miss them; the paths that
 * need stricter values (files, private links) get them from `stricterHeaders`, the one place.
 */

/** Same for every response. */
export const FIXED_HEADERS: readonly (readonly [string, string])[] = [
  ["x-content-type-options", "nosniff"],
  // Old browsers' form of `frame-ancestors 'none'`: no page of Pintu may be framed (clickjacking).
  ["x-frame-options", "DENY"],
  // Full URL to our own pages (the language switch returns to the page it came from), only the
  // origin elsewhere; the private tracking link asks for `strict-origin` itself.
  ["referrer-policy", "strict-origin-when-cross-origin"],
];

export const HSTS = "max-age=31536000; includeSubDomains";

/** An uploaded file's policy: nothing in it may run, whatever it turns out to be. */
export const FILE_CSP = "default-src 'none'; sandbox";

/**
 * Responses that need stricter headers than the defaults, by path: the one place they are set,
 * by scripts/start.ts before anything answers and by proxy.ts (Next lays the proxy's response
 * headers over a route's own, so a route setting them itself was overwritten: every file served
 * through Next had the page policy and the lookup's key could leave as a Referer).
 */
const STRICTER: readonly { path: RegExp; headers: readonly (readonly [string, string])[] }[] = [
  // Uploaded files (staff and the reporter's, whose URL holds the key).
  { path: /^\/(?:petugas\/lampiran|lacak\/[^/]+\/lampiran)\/[^/]+$/, headers: [["content-security-policy", FILE_CSP], ["referrer-policy", "no-referrer"]] },
  // The JSON lookup (`?key=`) and the SMS's short private link (`/k/<code>/<key>`).
  { path: /^\/(?:api\/v1\/complaints\/[^/]+|k\/[^/]+\/[^/]+)$/, headers: [["referrer-policy", "no-referrer"]] },
];

/** The stricter headers of a path's responses (none for most paths). */
export function stricterHeaders(pathname: string): readonly (readonly [string, string])[] {
  return STRICTER.find((s) => s.path.test(pathname))?.headers ?? [];
}

/**
 * The Content-Security-Policy. Scripts: our own files and the inline scripts Next writes, allowed
 * by the request's nonce (or, for a page kept by the page cache, by their hashes); never
 * `unsafe-inline` or `unsafe-eval` for scripts. Styles may be inline (React's `style` attributes).
 */
function contentSecurityPolicy(scriptSources: string[], https: boolean, imgSources: string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${scriptSources.join(" ")}`.trimEnd(),
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${imgSources.join(" ")}`.trimEnd(),
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The origin of the map's tiles (MAP_TILE_URL) for img-src; none when they come from this server. */
export function tileOrigins(tileUrl: string | undefined): string[] {
  if (!tileUrl || tileUrl.startsWith("/")) return [];
  try {
    return [new URL(tileUrl.replace(/\{[a-z]+\}/g, "0")).origin];
  } catch {
    return [];
  }
}

/** The policy with a fresh nonce for Next's inline scripts (and the map tiles' origin for images). */
export function noncePolicy(https: boolean, imgSources: string[] = []): string {
  return contentSecurityPolicy([`'nonce-${randomBytes(16).toString("base64")}'`], https, imgSources);
}

/** Served over https: the public address is https, or the proxy in front says the client used it. */
export function isHttps(req: IncomingMessage, publicBaseUrl: string | undefined): boolean {
  if (publicBaseUrl?.startsWith("https:")) return true;
  const proto = req.headers["x-forwarded-proto"];
  return typeof proto === "string" && proto.split(",")[0]!.trim().toLowerCase() === "https";
}

/**
 * Sets every security header on `res` (and the path's stricter ones, whatever the status), with a
 * fresh nonce in the policy. The policy also goes on
 * the request, replacing any the client sent: Next reads the nonce for its inline scripts from the
 * request's Content-Security-Policy header (the mechanism Next documents for its proxy).
 */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, https: boolean, imgSources: string[] = []): void {
  const policy = noncePolicy(https, imgSources);
  req.headers["content-security-policy"] = policy;
  delete req.headers["content-security-policy-report-only"];
  res.setHeader("content-security-policy", policy);
  for (const [name, value] of FIXED_HEADERS) res.setHeader(name, value);
  if (https) res.setHeader("strict-transport-security", HSTS);
  for (const [name, value] of stricterHeaders((req.url ?? "/").split("?", 1)[0]!)) res.setHeader(name, value);
}

const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/** The CSP hash sources (`'sha256-…'`) of a page's inline scripts, for a copy served again later. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const m of html.matchAll(INLINE_SCRIPT)) hashes.add(`'sha256-${createHash("sha256").update(m[1]!, "utf8").digest("base64")}'`);
  return [...hashes];
}

/** The same policy with its nonce replaced by these sources (a kept page's script hashes). */
export function withScriptSources(policy: string, sources: string[]): string {
  return policy.replace(/ ?'nonce-[^']*'/, sources.length > 0 ? ` ${sources.join(" ")}` : "");
}
