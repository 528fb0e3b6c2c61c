import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { Db } from "../db/client";
import { smsInboundResponse } from "../server/sms/http";

const PATH = "/api/sms/inbound";

/** True for requests to the inbound SMS endpoint (with or without a query string). */
export function isSmsInbound(url: string | undefined): boolean {
  return !!url && url.startsWith(PATH) && (url.length === PATH.length || url[PATH.length] === "?");
}

/**
 * Serves `/api/sms/inbound` straight from the Node server, without Next's request pipeline: the
 * gateway's traffic is many small requests, and Next's own cost per request was a large share of
 * each (see README "Measured figures"). The same function backs the Next route handler
 * (app/api/sms/inbound/route.ts), so behaviour is identical either way.
 */
export async function serveSmsInbound(req: IncomingMessage, res: ServerResponse, db: Db): Promise<void> {
  try {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const method = req.method ?? "GET";
    const hasBody = method === "POST";
    const request = new Request(`http://localhost${req.url}`, {
      method,
      headers,
      body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
      ...(hasBody ? { duplex: "half" } : {}),
    } as RequestInit);
    const response = method === "GET" || method === "POST" ? await smsInboundResponse(request, db) : new Response("Method not allowed", { status: 405, headers: { allow: "GET, POST" } });
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, { ...Object.fromEntries(response.headers), "content-length": String(body.byteLength) });
    res.end(body);
  } catch {
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
    res.end("Internal error");
  }
}
