import { existsSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { isConnectionError } from "@/db/errors";
import { MAX_BODY_BYTES } from "@/domain/complaint-input";
import { SMS_MAX_BODY_BYTES } from "@/domain/sms";
import { serviceUnavailable } from "@/lib/errors";

/**
 * Hot machine-to-machine endpoints answered by the production server without Next's request
 * pipeline (routing, tracing, its Request wrapper): the JSON intake, the complaint lookup, the SMS
 * gateway and Open311 are many small requests, where Next's own cost per request was a large share
 * of each (README "`npm start` and `next start`"). Each calls the route handler of Next's own build
 * (`<distDir>/server/app/<route>/route.js`, the file Next's server requires for that route), so the
 * fast path and Next run the very same module instances: there is one copy of the server modules,
 * Next's. This file imports none of them (ESLint holds it to that).
 */

/** The Next version whose compiled route modules `loadFastPaths` was checked against. */
const CHECKED_NEXT = "16.4.6";

/** Node's CommonJS require: the one Next's server loads its compiled routes with. */
const nodeRequire = createRequire(import.meta.url);

/**
 * The fast routes: the app route (the folder of its app/…/route.ts), the methods answered here
 * (others go to Next: its 405, HEAD and OPTIONS), and how much of a body is read (the handler
 * checks sizes itself; one byte more lets it answer 413).
 */
const FAST_ROUTES = [
  { route: "/api/v1/complaints", methods: ["POST"], maxBody: MAX_BODY_BYTES },
  { route: "/api/v1/complaints/[code]", methods: ["GET"], maxBody: 0 },
  { route: "/api/sms/inbound", methods: ["GET", "POST"], maxBody: SMS_MAX_BODY_BYTES },
  { route: "/open311/v2/[...path]", methods: ["GET", "POST"], maxBody: MAX_BODY_BYTES },
] as const;

type Params = Record<string, string | string[]>;
/** A route handler as Next calls it: the request and a context whose `params` is a promise. */
type RouteHandler = (request: Request, context: { params: Promise<Params> }) => Response | Promise<Response>;
type FastRoute = { route: string; pattern: RegExp; params: { name: string; catchAll: boolean }[]; maxBody: number; handlers: Map<string, RouteHandler> };
type FastMatch = { route: FastRoute; handler: RouteHandler; params: Params };

export type FastPaths = {
  /** The fast route for a request, or null to let Next answer it. */
  match(req: IncomingMessage): FastMatch | null;
  serve(req: IncomingMessage, res: ServerResponse, found: FastMatch): Promise<void>;
};

/**
 * The pattern of an app route path, as Next's router matches it: `[name]` is one segment,
 * `[...name]` one or more (last only). Anything else (optional catch-alls, route groups) is not
 * used by a fast route and refused here.
 */
export function routePattern(route: string): { pattern: RegExp; params: FastRoute["params"] } {
  const params: FastRoute["params"] = [];
  const parts = route.split("/").slice(1).map((segment, i, all) => {
    const catchAll = /^\[\.\.\.(\w+)\]$/.exec(segment);
    if (catchAll && i === all.length - 1) return params.push({ name: catchAll[1]!, catchAll: true }), "([^/]+(?:/[^/]+)*)";
    const one = /^\[(\w+)\]$/.exec(segment);
    if (one) return params.push({ name: one[1]!, catchAll: false }), "([^/]+)";
    if (/[[\]()]/.test(segment) || segment === "") throw new Error(`fast path: route ${route}: segment "${segment}" is not supported`);
    return segment.replace(/[.*+?^${}|\\]/g, "\\$&");
  });
  return { pattern: new RegExp(`^/${parts.join("/")}$`), params };
}

/** The route's parameters, decoded as Next decodes them; null when a segment is not valid percent-encoding. */
function decodeParams(route: FastRoute, match: RegExpExecArray): Params | null {
  const params: Params = {};
  try {
    route.params.forEach(({ name, catchAll }, i) => {
      const raw = match[i + 1]!;
      params[name] = catchAll ? raw.split("/").map(decodeURIComponent) : decodeURIComponent(raw);
    });
  } catch {
    return null;
  }
  return params;
}

/** Why a compiled route module cannot be used, naming the checked and the installed Next. */
function shapeError(route: string, problem: string): Error {
  const installed = (nodeRequire("next/package.json") as { version: string }).version;
  return new Error(
    `pintu: the fast path for ${route} cannot call Next's compiled route module: ${problem}. scripts/fast-paths.ts was checked against Next ${CHECKED_NEXT}; this is Next ${installed}. ` +
      "Check what `.next/server/app/<route>/route.js` exports in this version and update scripts/fast-paths.ts, or start with PINTU_FAST_PATHS=0 (Next's route handlers answer these paths, at about 4 times the CPU per request).",
  );
}

/**
 * The route file's own handlers, from the module Next compiled for it: `routeModule` (an app route
 * module for this path) whose `ensureUserland()` loads the route file's exports into `userland`.
 */
export async function routeHandlers(compiled: unknown, route: string, methods: readonly string[]): Promise<Map<string, RouteHandler>> {
  const routeModule = (compiled as { routeModule?: unknown } | null)?.routeModule as
    | { definition?: { kind?: unknown; pathname?: unknown }; ensureUserland?: unknown; userland?: unknown }
    | undefined;
  if (!routeModule || typeof routeModule.ensureUserland !== "function") throw shapeError(route, "it has no routeModule.ensureUserland()");
  const { kind, pathname } = routeModule.definition ?? {};
  if (kind !== "APP_ROUTE" || pathname !== route) throw shapeError(route, `its routeModule.definition is ${JSON.stringify({ kind, pathname })}, not an APP_ROUTE for ${route}`);
  await (routeModule.ensureUserland as () => Promise<void>).call(routeModule);
  const userland = routeModule.userland as Record<string, unknown> | undefined;
  const handlers = new Map<string, RouteHandler>();
  for (const method of methods) {
    const handler = userland?.[method];
    if (typeof handler !== "function") throw shapeError(route, `routeModule.userland has no ${method} function`);
    handlers.set(method, handler as RouteHandler);
  }
  return handlers;
}

/**
 * Loads the fast routes' handlers from the build in `distDir`: each route's file is found through
 * the build's app-paths manifest and required with Node's require, exactly as Next's server does
 * (next/dist/server/require.js), so both get the one module from Node's cache. Throws (the server
 * does not start) when the build lacks a route or a route module has another shape: answering
 * these paths some other way than Next would is never done silently.
 */
export async function loadFastPaths(distDir: string): Promise<FastPaths> {
  const serverDir = path.join(distDir, "server");
  const manifestFile = path.join(serverDir, "app-paths-manifest.json");
  if (!existsSync(manifestFile)) throw shapeError(FAST_ROUTES[0].route, `the build in ${distDir} has no server/app-paths-manifest.json`);
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Record<string, string | undefined>;
  const routes = await Promise.all(
    FAST_ROUTES.map(async ({ route, methods, maxBody }): Promise<FastRoute> => {
      const file = manifest[`${route}/route`];
      if (!file) throw shapeError(route, `the build in ${distDir} has no app route ${route} (app-paths-manifest.json)`);
      const handlers = await routeHandlers(nodeRequire(path.join(serverDir, file)), route, methods);
      return { route, ...routePattern(route), maxBody, handlers };
    }),
  );
  return {
    match(req) {
      const url = req.url ?? "";
      const q = url.indexOf("?");
      const pathname = q < 0 ? url : url.slice(0, q);
      for (const route of routes) {
        const match = route.pattern.exec(pathname);
        if (!match) continue;
        const handler = route.handlers.get(req.method ?? "");
        // Another method, or a segment Next would refuse to decode: Next answers it.
        const params = handler ? decodeParams(route, match) : null;
        return handler && params ? { route, handler, params } : null;
      }
      return null;
    },
    serve: serveFast,
  };
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

async function serveFast(req: IncomingMessage, res: ServerResponse, found: FastMatch): Promise<void> {
  try {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === "string") headers.set(k, v);
      else if (Array.isArray(v)) for (const item of v) headers.append(k, item);
    }
    const hasBody = req.method === "POST";
    const { body, truncated } = hasBody ? await readBody(req, found.route.maxBody) : { body: undefined, truncated: false };
    const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, { method: req.method, headers, body: body as Uint8Array<ArrayBuffer> | undefined });
    const response = await found.handler(request, { params: Promise.resolve(found.params) });
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
