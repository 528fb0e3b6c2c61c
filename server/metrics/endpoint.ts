import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { isIP } from "node:net";
import { Registry } from "prom-client";
import type { Db } from "@/db/client";
import { normaliseAddress } from "@/lib/forwarded";
import { log } from "@/lib/log";
import { processMetrics } from "./cluster";
import { databaseMetrics } from "./database";

export const METRICS_PATH = "/metrics";

function isLoopback(address: string | undefined): boolean {
  const a = normaliseAddress(address ?? "");
  return a === "::1" || (isIP(a) === 4 && a.startsWith("127."));
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

type MetricsRequest = { method: string; headers: Record<string, string | string[] | undefined>; peer: string | undefined };
type Answer = { status: number; headers: Record<string, string>; body: string };

/**
 * Who may read the metrics: with METRICS_TOKEN, whoever sends `Authorization: Bearer <token>`;
 * without it, only a client on this machine talking to us directly — a request relayed by a proxy
 * on the same machine (it carries X-Forwarded-For) is someone else's and is refused. `peer`: the
 * socket's address, undefined where it cannot be seen (a route handler under `next start`):
 * then, without a token, nobody.
 */
function metricsAccess(req: MetricsRequest, token: string | undefined): 200 | 401 | 403 {
  if (token) {
    const auth = String(req.headers.authorization ?? "");
    return auth.startsWith("Bearer ") && sameToken(auth.slice(7).trim(), token) ? 200 : 401;
  }
  const relayed = req.headers["x-forwarded-for"] !== undefined || req.headers.forwarded !== undefined || req.headers["x-real-ip"] !== undefined;
  return isLoopback(req.peer) && !relayed ? 200 : 403;
}

/**
 * `GET /metrics`: Prometheus text of this process (or cluster) and of the database. Answered by
 * `npm start`'s request entry (scripts/http-entry.ts) and by the route handler app/metrics/route.ts
 * (what `next start` serves).
 */
export async function metricsAnswer(req: MetricsRequest, db: Db, opts: { postgres: boolean; token: string | undefined }): Promise<Answer> {
  const plain = (status: number, text: string, headers: Record<string, string> = {}): Answer => ({ status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers }, body: `${text}\n` });
  if (req.method !== "GET" && req.method !== "HEAD") return plain(405, "Method not allowed", { allow: "GET, HEAD" });
  const access = metricsAccess(req, opts.token);
  if (access === 401) return plain(401, "Unauthorized: send Authorization: Bearer <METRICS_TOKEN>", { "www-authenticate": 'Bearer realm="metrics"' });
  if (access === 403 && req.peer === undefined) return plain(403, "Forbidden: set METRICS_TOKEN to scrape /metrics (this server cannot see whether a caller is on this machine)");
  if (access === 403) return plain(403, "Forbidden: /metrics answers this machine only (set METRICS_TOKEN to scrape from elsewhere)");
  try {
    const [own, database] = await Promise.all([processMetrics(), databaseMetrics(db, opts.postgres)]);
    const body = `${own.trimEnd()}\n${database.trimEnd()}\n`;
    return { status: 200, headers: { "content-type": Registry.PROMETHEUS_CONTENT_TYPE, "cache-control": "no-store" }, body };
  } catch (err) {
    log.error("metrics: scrape failed", { err });
    return plain(503, "Metrics unavailable, try again", { "retry-after": "5" });
  }
}

/** `GET /metrics` on a Node server (npm start's request entry, the worker's metrics listener). */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse, db: Db, opts: { postgres: boolean; token: string | undefined }): Promise<void> {
  const a = await metricsAnswer({ method: req.method ?? "GET", headers: req.headers, peer: req.socket.remoteAddress ?? "" }, db, opts);
  res.writeHead(a.status, { ...a.headers, "content-length": Buffer.byteLength(a.body) });
  res.end(req.method === "HEAD" ? undefined : a.body);
}

/** `npm run worker` with WORKER_METRICS_PORT: a listener for /metrics alone (the worker's job figures live in its process). */
export function serveWorkerMetrics(db: Db, port: number, token: string | undefined): Server {
  const server = createServer((req, res) => {
    if ((req.url ?? "").split("?")[0] === METRICS_PATH) return void serveMetrics(req, res, db, { postgres: true, token });
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
  });
  server.on("error", (err) => log.error("worker: cannot serve metrics", { port, err }));
  server.listen(port, () => log.info("worker: metrics on port", { port }));
  return server;
}
