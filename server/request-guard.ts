import type { IncomingHttpHeaders, ServerResponse } from "node:http";
// Next's own check of the client router's state header (checked against next 16.4): a header it
// cannot parse makes Next answer 500, so it is refused here first with the same test.
import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state";
import { extractInfoFromServerReferenceId, mightBeServerReferenceId } from "next/dist/shared/lib/server-reference-info";

/**
 * Requests refused before any handler runs (issue 12 item 9), each with a 4xx and a clear reason
 * rather than the 500 that Next or our handlers would end in: an unknown method, a malformed Host,
 * a missing or malformed Host (or forwarded host or protocol), a path that is not valid
 * percent-encoded UTF-8, a NUL byte in a page's query, a multipart body without a boundary, a
 * router state header Next cannot read, and server-action posts that are cross-site, too large, of
 * unknown length or not a form.
 */

export type Refusal = { status: number; error: string; message: string; headers?: Record<string, string> };
type GuardedRequest = { method?: string; url?: string; headers: IncomingHttpHeaders };

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
/** Server actions' body limit (next.config.mjs `serverActions.bodySizeLimit`, 26 MB). */
export const ACTION_BODY_LIMIT = 26 * 1024 * 1024;

const LABEL = "[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?";
const HOST = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*\\.?|\\[[0-9A-Fa-f:.]{2,45}\\])(?::(\\d{1,5}))?$`);

/** A Host header a URL can be built from: name or address, and a port within 1–65535. */
export function validHost(host: string): boolean {
  const m = HOST.exec(host);
  if (!m) return false;
  return m[1] === undefined || (Number(m[1]) >= 1 && Number(m[1]) <= 65_535);
}

function pathOf(url: string): { path: string; query: string } {
  const q = url.indexOf("?");
  return q < 0 ? { path: url, query: "" } : { path: url.slice(0, q), query: url.slice(q + 1) };
}

const refuse = (status: number, error: string, message: string, headers?: Record<string, string>): Refusal => ({ status, error, message, headers });

/** A post that Next treats as a server action: with JavaScript (`Next-Action` header) or a plain form. */
function isActionPost(req: GuardedRequest, path: string): boolean {
  if (req.method !== "POST" || path.startsWith("/api/")) return false;
  if (req.headers["next-action"] !== undefined) return true;
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  return type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded");
}

function actionProblem(req: GuardedRequest): Refusal | null {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let originHost: string | null;
    try {
      originHost = origin === "null" ? null : new URL(origin).host;
    } catch {
      originHost = null;
    }
    const hosts = [req.headers.host, req.headers["x-forwarded-host"]].filter((h): h is string => typeof h === "string");
    if (!originHost || !hosts.includes(originHost)) return refuse(403, "forbidden", "Form posts from another site are refused");
  }
  const length = req.headers["content-length"];
  if (length === undefined) return refuse(411, "length_required", "A form post must declare its Content-Length");
  if (Number(length) > ACTION_BODY_LIMIT) return refuse(413, "too_large", `Request body exceeds ${ACTION_BODY_LIMIT} bytes`);
  // Every server action of Pintu takes a form, so the browser sends its arguments as multipart;
  // only an action that uses no argument at all gets the empty list (`[]`) as text.
  const action = req.headers["next-action"];
  if (typeof action === "string" && !String(req.headers["content-type"] ?? "").toLowerCase().startsWith("multipart/form-data")) {
    if (!takesNoArguments(action) || Number(length) > 2) return refuse(400, "bad_request", "A server action takes a form (multipart/form-data)");
  }
  return null;
}

function takesNoArguments(actionId: string): boolean {
  if (!mightBeServerReferenceId(actionId) || !/^[0-9a-f]{2}/i.test(actionId)) return false;
  const info = extractInfoFromServerReferenceId(actionId);
  return !info.hasRestArgs && info.usedArgs.every((used) => !used);
}

/** `X-Forwarded-Proto` and `-Host` become URLs too (next-auth builds its own from them). */
function forwardedProblem(headers: IncomingHttpHeaders): Refusal | null {
  const proto = headers["x-forwarded-proto"];
  if (proto !== undefined && (typeof proto !== "string" || !/^https?$/i.test(proto.split(",")[0]!.trim()))) {
    return refuse(400, "bad_request", "X-Forwarded-Proto must be http or https");
  }
  const host = headers["x-forwarded-host"];
  if (host !== undefined && (typeof host !== "string" || !validHost(host.split(",")[0]!.trim()))) {
    return refuse(400, "bad_request", "X-Forwarded-Host is not a valid host name");
  }
  return null;
}

function validRouterState(header: string | string[] | undefined): boolean {
  try {
    parseAndValidateFlightRouterState(header);
    return true;
  } catch {
    return false;
  }
}

/** Why this request is refused before it reaches a handler, or null to serve it. */
export function requestProblem(req: GuardedRequest): Refusal | null {
  if (!METHODS.includes(req.method ?? "")) return refuse(405, "method_not_allowed", `Method ${req.method} is not allowed`, { allow: METHODS.join(", ") });
  const host = req.headers.host;
  // Pages and next-auth build URLs from it: without one (HTTP/1.0) they cannot.
  if (host === undefined) return refuse(400, "bad_request", "A Host header is required");
  if (!validHost(host)) return refuse(400, "bad_request", "The Host header is not a valid host name");
  const forwarded = forwardedProblem(req.headers);
  if (forwarded) return forwarded;
  const { path, query } = pathOf(req.url ?? "");
  // (`OPTIONS *` included: Next answers it 500.)
  if (!path.startsWith("/")) return refuse(400, "bad_request", "The request target must be a path");
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return refuse(400, "bad_request", "The path is not valid percent-encoded UTF-8");
  }
  if (decoded.includes("\0")) return refuse(400, "bad_request", "The path contains a NUL character");
  // Pages' parameters reach the database as text, where NUL cannot be stored. The API's handlers
  // read their own (the SMS gateway answers a binary message with a hint).
  if (!path.startsWith("/api/") && /%00/.test(query)) return refuse(400, "bad_request", "A parameter contains a NUL character");
  if (!validRouterState(req.headers["next-router-state-tree"])) return refuse(400, "bad_request", "The Next-Router-State-Tree header is malformed");
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data") && !/;\s*boundary=/.test(type)) return refuse(400, "bad_request", "A multipart body needs a boundary");
  return isActionPost(req, path) ? actionProblem(req) : null;
}

/** The refusal's answer: the contract's JSON error under /api/, plain text elsewhere. */
export function refusalAnswer(req: GuardedRequest, r: Refusal): { status: number; headers: Record<string, string>; body: string | undefined } {
  const api = (req.url ?? "").startsWith("/api/");
  const body = api ? JSON.stringify({ error: r.error, message: r.message }) : `${r.status} ${r.message}\n`;
  const headers = { ...r.headers, "content-type": api ? "application/json" : "text/plain; charset=utf-8", "cache-control": "no-store" };
  return { status: r.status, headers, body: req.method === "HEAD" ? undefined : body };
}

/**
 * Answers the refusal (`npm start`, before Next; `proxy.ts` answers the same through Next). The
 * connection closes, since a body left unread cannot be told from the next request.
 */
export function sendRefusal(req: GuardedRequest, res: ServerResponse, r: Refusal): void {
  const answer = refusalAnswer(req, r);
  const length = Buffer.byteLength(answer.body ?? refusalAnswer({ ...req, method: "GET" }, r).body!);
  res.writeHead(answer.status, { ...answer.headers, "content-length": length, connection: "close" });
  res.end(answer.body);
}
