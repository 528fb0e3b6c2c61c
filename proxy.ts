import { NextResponse, type NextRequest } from "next/server";
import { actionBodyProblem, isActionBody, loadActionIds } from "./server/action-body";
import { refusalAnswer, requestProblem } from "./server/request-guard";
import { FIXED_HEADERS, HSTS, noncePolicy, stricterHeaders, tileOrigins } from "./server/security-headers";

/**
 * Next's proxy (Next 16's middleware, Node runtime), run for every request Next handles under
 * `npm start`, `next start` and `next dev` alike:
 *
 * - the request guard (server/request-guard.ts; issue 12 item 9): a request it refuses gets the
 *   same 4xx as `npm start` answers before Next (scripts/start.ts runs it too, for what never
 *   reaches Next: the fast paths, the page cache);
 * - a server action's body that Next's decoder cannot read: 400 before the decoder runs
 *   (server/action-body.ts), not Next's 500;
 * - the security headers on every response (issue 12 item 3), and the stricter ones of files and
 *   private links (`stricterHeaders`, the one place they are set). The policy's nonce goes on the
 *   request too, where Next reads it for its inline scripts (Next's documented CSP mechanism).
 *   Under `npm start` scripts/start.ts has set the same headers before Next runs; this replaces
 *   them with the same policy and a fresh nonce, which is the one the page then uses.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https" || process.env.PUBLIC_BASE_URL?.startsWith("https:") === true;
  const policy = noncePolicy(https, tileOrigins(process.env.MAP_TILE_URL));
  const secure = (response: NextResponse) => {
    response.headers.set("content-security-policy", policy);
    for (const [name, value] of FIXED_HEADERS) response.headers.set(name, value);
    if (https) response.headers.set("strict-transport-security", HSTS);
    for (const [name, value] of stricterHeaders(request.nextUrl.pathname)) response.headers.set(name, value);
    return response;
  };

  const problem = await refusal(request);
  if (problem) return secure(new NextResponse(problem.body ?? null, { status: problem.status, headers: problem.headers }));

  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  headers.delete("content-security-policy-report-only");
  return secure(NextResponse.next({ request: { headers } }));
}

/** This build's server actions: read once, when the first action post arrives. */
let actionIds: Set<string> | null | undefined;

const MALFORMED_ACTION = "400 Malformed server action request\n";

/** The guard's refusal, or the 400 for an action body Next cannot decode, or null to serve it. */
async function refusal(request: NextRequest): Promise<ReturnType<typeof refusalAnswer> | null> {
  const url = new URL(request.url);
  const headers = Object.fromEntries(request.headers);
  const guarded = { method: request.method, url: url.pathname + url.search, headers };
  const refused = requestProblem(guarded);
  if (refused) return refusalAnswer(guarded, refused);
  if (!request.body || !isActionBody(request.method, url.pathname, headers)) return null;
  // The proxy's own copy of the body (Next hands the action another), read here and not cloned:
  // a clone would keep a third copy of a 25 MB upload while this one is read.
  actionIds ??= loadActionIds(process.cwd());
  if ((await actionBodyProblem(headers, chunksOf(request.body), actionIds)) === null) return null;
  return { status: 400, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" }, body: MALFORMED_ACTION };
}

async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}
