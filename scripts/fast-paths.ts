import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "@/db/client";
import { isConnectionError } from "@/db/errors";
import { createComplaintResponse, complaintJsonResponse } from "@/server/api/complaints";
import { open311Http } from "@/server/open311/http";
import { serviceUnavailable } from "@/lib/errors";
import { smsInboundResponse } from "@/server/sms/http";
import { MAX_BODY_BYTES } from "@/server/submission";

/**
 * Hot machine-to-machine endpoints answered by the production server without Next's request
 * pipeline (routing, tracing, its Request wrapper): the JSON intake, the complaint lookup and the
 * SMS gateway are many small requests, where Next's own cost per request was a large share of
 * each (README "Measured figures"). Each calls the very function its Next route handler calls
 * (app/api/…/route.ts), so behaviour is the same either way; e2e tests run through this path.
 */
type FastHandler = (request: Request, db: Db, match: RegExpExecArray) => Promise<Response>;
type FastRoute = { methods: readonly string[]; path: RegExp; maxBody: number; handle: FastHandler };

const SMS_MAX_BODY = 64 * 1024;
const ROUTES: FastRoute[] = [
  { methods: ["POST"], path: /^\/api\/v1\/complaints$/, maxBody: MAX_BODY_BYTES, handle: (r, db) => createComplaintResponse(r, db) },
  { methods: ["GET"], path: /^\/api\/v1\/complaints\/([^/]+)$/, maxBody: 0, handle: (r, db, m) => complaintJsonResponse(r, db, decodeURIComponent(m[1]!)) },
  { methods: ["GET", "POST"], path: /^\/api\/sms\/inbound$/, maxBody: SMS_MAX_BODY, handle: (r, db) => smsInboundResponse(r, db) },
  // Open311 GeoReport v2: path segments are passed still encoded, as Next's catch-all would decode them.
  { methods: ["GET", "POST"], path: /^\/open311\/v2\/(.+)$/, maxBody: MAX_BODY_BYTES, handle: (r, db, m) => open311Http(r, db, m[1]!) },
];

/** The fast route for a request, or null to let Next answer it (other methods get Next's 405). */
export function fastRoute(req: IncomingMessage): { route: FastRoute; match: RegExpExecArray } | null {
  const url = req.url ?? "";
  const q = url.indexOf("?");
  const pathname = q < 0 ? url : url.slice(0, q);
  for (const route of ROUTES) {
    const match = route.path.exec(pathname);
    if (match && route.methods.includes(req.method ?? "")) return { route, match };
  }
  return null;
}

/**
 * Reads the body into memory, at most `limit + 1` bytes: a larger one is cut there, so the handler
 * (which checks sizes itself) answers 413 without the server holding 50 MB.
 */
function readBody(req: IncomingMessage, limit: number): Promise<{ body: Buffer; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.byteLength;
      if (total > limit) {
        req.off("data", onData);
        req.pause();
        resolve({ body: Buffer.concat(chunks, total).subarray(0, limit + 1), truncated: true });
      }
    };
    req.on("data", onData);
    req.once("end", () => resolve({ body: Buffer.concat(chunks, total), truncated: false }));
    req.once("error", reject);
  });
}

export async function serveFast(req: IncomingMessage, res: ServerResponse, db: Db, found: { route: FastRoute; match: RegExpExecArray }): Promise<void> {
  try {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === "string") headers.set(k, v);
      else if (Array.isArray(v)) for (const item of v) headers.append(k, item);
    }
    const hasBody = req.method === "POST";
    const { body, truncated } = hasBody ? await readBody(req, found.route.maxBody) : { body: undefined, truncated: false };
    const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, { method: req.method, headers, body: body as Uint8Array<ArrayBuffer> | undefined });
    const response = await found.route.handle(request, db, found.match);
    const out = Buffer.from(await response.arrayBuffer());
    const outHeaders: Record<string, string | string[]> = { ...Object.fromEntries(response.headers), "content-length": String(out.byteLength) };
    // An unread rest of an oversized body would be taken for the next request: close instead.
    if (truncated) outHeaders.connection = "close";
    res.writeHead(response.status, outHeaders);
    res.end(out);
    if (truncated) req.destroy();
  } catch (err) {
    answerFailure(res, err);
  }
}

/** A failure outside the handler's own error mapping: 503 when the database went away, else 500. */
function answerFailure(res: ServerResponse, err: unknown) {
  const down = isConnectionError(err) ? serviceUnavailable() : null;
  if (!res.headersSent) res.writeHead(down ? down.status : 500, { "content-type": "application/json", ...down?.headers });
  res.end(JSON.stringify(down ? { error: down.code, message: down.message, ...down.extra } : { error: "internal", message: "Internal error" }));
}
