import { getDb } from "@/server/db";
import { env } from "@/lib/env";
import { metricsAnswer } from "@/server/metrics/endpoint";

export const dynamic = "force-dynamic";

/**
 * `GET /metrics` where Next answers it (`next start`; `npm start` answers it before Next, in
 * scripts/http-entry.ts): the same answer and token rule. A route handler cannot see the caller's
 * socket, so without METRICS_TOKEN it refuses everyone (403) rather than trust X-Forwarded-For.
 */
async function answer(request: Request): Promise<Response> {
  const e = env();
  const a = await metricsAnswer({ method: request.method, headers: Object.fromEntries(request.headers), peer: undefined }, getDb(), { postgres: !e.embedded, token: e.METRICS_TOKEN });
  return new Response(request.method === "HEAD" ? null : a.body, { status: a.status, headers: a.headers });
}

export const GET = answer;
export const HEAD = answer;
