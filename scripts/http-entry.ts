import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import path from "node:path";
import type { Db } from "@/db/client";
import type { TrustProxy } from "@/lib/forwarded";
import { log, logEnabled } from "@/lib/log";
import { prepareClusterMetrics } from "@/server/metrics/cluster";
import { METRICS_PATH, serveMetrics } from "@/server/metrics/endpoint";
import { metrics } from "@/lib/metrics";
import { loadRoutes, routeLabeller } from "@/server/metrics/routes";
import { withRequestId } from "@/lib/request-id";
import { recordPeer, stampRequest } from "@/server/request-context";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * What every request to `npm start` goes through before the portal sees it: its id is stamped and
 * its socket address appended to X-Forwarded-For (server/request-context.ts), the id is echoed in `X-Request-Id` and carried
 * by every log line written while it is handled, its duration and status are counted by route,
 * and `GET /metrics` is answered here (never by Next).
 */
export function requestEntry(
  opts: { root: string; trust: TrustProxy; db: Db; postgres: boolean; metricsToken: string | undefined },
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): RequestListener {
  const label = routeLabeller(loadRoutes(path.resolve(opts.root, process.env.PINTU_DIST_DIR || ".next")));
  const m = metrics();
  prepareClusterMetrics();
  return (req, res) => {
    const started = performance.now();
    const id = stampRequest(req, opts.trust);
    res.setHeader("X-Request-Id", id);
    res.once("close", () => {
      const route = label(req.url);
      const labels = { route, method: METHODS.has(req.method ?? "") ? req.method! : "other", status: res.writableFinished ? String(res.statusCode) : "aborted" };
      const seconds = (performance.now() - started) / 1000;
      m.httpRequests.inc(labels);
      m.httpDuration.observe(labels, seconds);
      if (logEnabled("debug")) withRequestId(id, () => log.debug("request", { ...labels, ms: Math.round(seconds * 1000) }));
    });
    withRequestId(id, () => {
      const q = req.url?.indexOf("?") ?? -1;
      const pathname = q < 0 ? req.url : req.url!.slice(0, q);
      if (pathname === METRICS_PATH) return void serveMetrics(req, res, opts.db, { postgres: opts.postgres, token: opts.metricsToken });
      recordPeer(req);
      handle(req, res);
    });
  };
}
