import { NextResponse, type NextRequest } from "next/server";
import { FIXED_HEADERS, HSTS, noncePolicy, tileOrigins } from "./server/security-headers";

/**
 * Next's proxy (Next 16's middleware): the security headers on every response Next answers, so they
 * hold under `next start` and `next dev` as under `npm start` (issue 12 item 3). The policy's nonce
 * goes on the request too, where Next reads it for its inline scripts (Next's documented CSP
 * mechanism). Under `npm start` scripts/start.ts has set the same headers before Next runs (for
 * what Next never sees: the fast paths, the page cache, /metrics); this replaces them with the same
 * policy and a fresh nonce, which is the one the page then uses.
 */
export function proxy(request: NextRequest): NextResponse {
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https" || process.env.PUBLIC_BASE_URL?.startsWith("https:") === true;
  const policy = noncePolicy(https, tileOrigins(process.env.MAP_TILE_URL));
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  headers.delete("content-security-policy-report-only");
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  for (const [name, value] of FIXED_HEADERS) response.headers.set(name, value);
  if (https) response.headers.set("strict-transport-security", HSTS);
  return response;
}
