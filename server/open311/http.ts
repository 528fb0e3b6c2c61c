import "server-only";
import type { Db } from "@/db/client";
import { isConnectionError } from "@/db/errors";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { publicOrigin } from "@/server/public-origin";
import { enforceRateLimit } from "@/server/rate-limit";
import { Open311Error, open311ErrorResponse, open311Response, splitFormat, type Open311Format } from "./format";
import { readOpen311Form } from "./input";
import { clientForKey, type Open311Client } from "./keys";
import { createRequest, listRequests, readRequest, type Open311Context } from "./requests";
import { listServices, open311Locale, serviceDefinition } from "./services";
import { listUpdates, postUpdate } from "./updates";
import { discovery } from "./discovery";

/** The client of a request's `api_key` (query or form), counted against its own rate limit; 403 without a valid key. */
async function authorise(db: Db, key: string | undefined, now: Date): Promise<Open311Client> {
  const client = key ? await clientForKey(db, key) : null;
  if (!client) throw new Open311Error(403, key ? "Invalid api_key" : "api_key is required");
  await limit(db, client, now);
  return client;
}

async function limit(db: Db, client: Open311Client, now: Date): Promise<void> {
  try {
    await enforceRateLimit(db, `open311:${client.id}`, client.rateLimit, now);
  } catch (err) {
    if (err instanceof AppError && err.status === 429) throw new Open311Error(429, "Too many requests with this api_key; try again later", err.headers);
    throw err;
  }
}

/** Reads: no key needed; a key given must be valid, and its requests count against its limit. */
async function readerCheck(db: Db, params: URLSearchParams, now: Date): Promise<void> {
  const key = params.get("api_key");
  if (key !== null) await authorise(db, key, now);
}

/**
 * Answers every request under /open311/v2/ (GeoReport v2 and mySociety's servicerequestupdates),
 * for the Next route handler (which the production server's fast path calls too). `path` is what
 * follows /open311/v2/. Every failure is a GeoReport error in the request's format, never a 500.
 */
export async function open311Http(request: Request, db: Db, path: string): Promise<Response> {
  const segments = path.split("/").filter(Boolean);
  const last = splitFormat(segments.at(-1) ?? "");
  const fmt: Open311Format = last?.fmt ?? "json";
  try {
    if (!last) throw new Open311Error(404, "Unknown resource: add .json or .xml");
    const e = env();
    const now = new Date();
    const url = new URL(request.url);
    const params = url.searchParams;
    const ctx: Open311Context = { region: e.PINTU_REGION, origin: publicOrigin(request.headers, e), now };
    const method = request.method;
    const resource = segments.length === 1 ? last.name : `${segments[0]}/`;
    const allow = (methods: string) => {
      if (!methods.split(",").includes(method)) throw new Open311Error(405, `Method ${method} is not allowed here`, { Allow: methods });
    };
    if (segments.length > 2) throw new Open311Error(404, "Unknown resource");
    switch (resource) {
      case "discovery":
        allow("GET,HEAD");
        return open311Response(fmt, "discovery", discovery(ctx.origin));
      case "services":
        allow("GET,HEAD");
        await readerCheck(db, params, now);
        return open311Response(fmt, "services", await listServices(db, open311Locale(params)));
      case "services/":
        allow("GET,HEAD");
        await readerCheck(db, params, now);
        return open311Response(fmt, "service_definition", await serviceDefinition(db, decodeURIComponent(last.name), open311Locale(params)));
      case "requests":
        if (method === "POST") {
          const form = await readOpen311Form(request);
          const client = await authorise(db, form.fields.get("api_key") ?? params.get("api_key") ?? undefined, now);
          return open311Response(fmt, "service_requests", await createRequest(db, client, form, ctx), { status: 201 });
        }
        allow("GET,HEAD,POST");
        await readerCheck(db, params, now);
        return open311Response(fmt, "service_requests", await listRequests(db, params, ctx));
      case "requests/":
        allow("GET,HEAD");
        await readerCheck(db, params, now);
        return open311Response(fmt, "service_requests", await readRequest(db, decodeURIComponent(last.name), ctx));
      case "servicerequestupdates":
        if (method === "POST") {
          const form = await readOpen311Form(request);
          const client = await authorise(db, form.fields.get("api_key") ?? params.get("api_key") ?? undefined, now);
          return open311Response(fmt, "service_request_updates", await postUpdate(db, client, form, ctx), { status: 201 });
        }
        allow("GET,HEAD,POST");
        await readerCheck(db, params, now);
        return open311Response(fmt, "service_request_updates", await listUpdates(db, params, open311Locale(params), ctx));
      default:
        throw new Open311Error(404, "Unknown resource");
    }
  } catch (err) {
    return open311ErrorResponse(fmt, asOpen311Error(err, request));
  }
}

function asOpen311Error(err: unknown, request: Request): Open311Error {
  if (err instanceof Open311Error) return err;
  if (err instanceof AppError) {
    const status = ([400, 403, 404, 405, 413, 415, 429, 503] as const).find((s) => s === err.status) ?? 400;
    return new Open311Error(status, err.message, err.headers);
  }
  if (err instanceof URIError) return new Open311Error(400, "Malformed path encoding");
  if (isConnectionError(err)) return new Open311Error(503, "Service briefly unavailable; please try again in a moment", { "Retry-After": "5" });
  // Anything else is a bug of ours, logged; the client still gets the specification's shape.
  log.error("open311 request failed", { path: new URL(request.url).pathname, err });
  return new Open311Error(400, "The request could not be processed");
}
