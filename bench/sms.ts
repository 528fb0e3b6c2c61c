import { randomUUID } from "node:crypto";
import type { AutocannonRequest } from "autocannon";
import postgres from "postgres";
import { conditions, cpuFields, latencyFields, measured, secs, type Ctx } from "./benches";
import { emit, round } from "./harness";

/** The gateway key the runner gives the portal (see run.ts). */
export const BENCH_SMS_KEY = "bench-sms-inbound-key-0123456789";

const PLACES = ["Batu Aji", "Sekupang", "Nongsa", "Bengkong", "Lubuk Baja", "Sagulung", "Batam Kota", "Belakang Padang"];
const PROBLEMS = ["Jalan berlubang", "Lampu jalan mati", "Sampah tidak diangkut", "Air PDAM tidak mengalir", "Drainase tersumbat", "Pohon tumbang"];

/**
 * sms_inbound_http: what a Kannel sms-service sends — GET /api/sms/inbound with the contract's
 * get-url parameters — at BENCH_SMS_CONNECTIONS (default 20) concurrent gateway connections.
 * Every message is `BTM <new complaint>` from one of 5,000 senders with a fresh gateway id: the
 * most expensive kind (a complaint through the whole intake), with the per-sender limit in the path.
 * Target: ≥ 300 messages/s with p99 ≤ 100 ms.
 */
export async function smsInboundHttp(ctx: Ctx): Promise<Record<string, unknown>> {
  const connections = Number(process.env.BENCH_SMS_CONNECTIONS ?? 20);
  let n = 0;
  const path = () => {
    n++;
    const from = `0812${String(70_000_000 + (n % 5000)).padStart(8, "0")}`;
    const text = `BTM ${PROBLEMS[n % PROBLEMS.length]} di ${PLACES[n % PLACES.length]} dekat rumah nomor ${n}, mohon segera ditangani`;
    const q = new URLSearchParams({ key: BENCH_SMS_KEY, from, to: "1708", text, id: randomUUID() });
    return `/api/sms/inbound?${q}`;
  };
  const request: AutocannonRequest = { method: "GET", path: path(), setupRequest: (req: AutocannonRequest) => ({ ...req, path: path() }) };
  const db = postgres(ctx.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const before = Number((await db`select count(*)::int as n from complaints where channel = 'sms'`)[0]!.n);
    const c = { ...ctx, connections };
    const { r, cpu, otherBefore } = await measured(c, "sms_inbound_http", secs(ctx, 3), secs(ctx, 15), request);
    const created = Number((await db`select count(*)::int as n from complaints where channel = 'sms'`)[0]!.n) - before;
    const rps = r.ok2xx / r.elapsedS;
    const lat = latencyFields(r, [50, 90, 99]);
    const result = {
      bench: "sms_inbound_http",
      rps: round(rps, 1),
      ...lat,
      connections,
      duration_s: round(r.elapsedS, 1),
      requests: r.total,
      errors: r.errors,
      timeouts: r.timeouts,
      non2xx: r.non2xx,
      status_codes: r.statusCodes,
      complaints_created_incl_warmup: created,
      cpu: cpuFields(cpu, r.total, r.elapsedS),
      ...conditions(ctx, otherBefore),
      target: { rps: 300, p99_ms: 100 },
      pass: rps >= 300 && (lat.p99_ms ?? Infinity) <= 100 && r.errors === 0 && r.non2xx === 0,
    };
    emit(result);
    return result;
  } finally {
    await db.end({ timeout: 5 });
  }
}
