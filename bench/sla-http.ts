/**
 * Service-level pages (issue 5) on the synthetic database of `npm run bench:seed` (1M complaints),
 * through the production portal:
 *
 *   sla_board_http   GET /petugas/sla as the coordinator with a period filter (the 90 days up to
 *                    today, all OPDs): period figures per OPD, open clocks, trend, breached list
 *   statistik_http   GET /statistik (this year's public statistics; cached for 5 minutes, so
 *                    `first_request_ms` carries the computation and the percentiles the cache)
 *
 * Targets: board p95 ≤ 200 ms, /statistik p95 ≤ 300 ms.
 */
import { defaultPeriod } from "@/domain/sla-stats";
import { localDate } from "@/domain/working-days";
import type { Ctx } from "./benches";
import { pageBench, signIn } from "./staff";
import { BENCH_EMAIL_DOMAIN } from "./synthetic";

export async function slaBoardHttp(ctx: Ctx) {
  const cookie = await signIn(ctx.server.base, `koordinator@${BENCH_EMAIL_DOMAIN}`);
  const { from, to } = defaultPeriod(localDate(new Date(), "Asia/Jakarta"));
  return pageBench(ctx, "sla_board_http", `/petugas/sla?from=${from}&to=${to}`, cookie, "/petugas/sla/aduan", { period: { from, to } }, 200);
}

export async function statistikHttp(ctx: Ctx) {
  return pageBench(ctx, "statistik_http", "/statistik", "", "/statistik/data.csv", {}, 300);
}
