/**
 * Staff benchmarks (issue 3) on the synthetic database of `npm run bench:seed` (1M complaints):
 * signed-in HTTP requests against the real pages of the production portal.
 *
 *   staff_queue_http    GET /petugas/antrean as the coordinator (first page)
 *   staff_inbox_http    GET /petugas/kotak-masuk as an officer of the OPD with the largest backlog
 *   staff_dispose_http  the dispose server action end to end: the no-JS form post a browser makes
 *                       (multipart, $ACTION_ID_…, Origin) to /petugas/aduan/<code>, its 303, and
 *                       the GET of the page it redirects to (what the coordinator waits for)
 *
 * Targets: list pages p95 ≤ 100 ms, dispose p95 ≤ 150 ms. BENCH_STAFF_CONNECTIONS (default 10)
 * concurrent staff sessions; 1 gives the latency of a lone user.
 */
import type { AutocannonRequest } from "autocannon";
import postgres from "postgres";
import { conditions, cpuFields, latencyFields, measured, secs, type Ctx } from "./benches";
import { cpuDelta, cpuSnapshot, emit, log, percentile, round, sleep, waitQuiet } from "./harness";
import { complaintGenerator } from "./payloads";
import { BENCH_EMAIL_DOMAIN, benchStaffPassword } from "./synthetic";

const staffConnections = () => Number(process.env.BENCH_STAFF_CONNECTIONS || 10);

/** Cookies from Set-Cookie headers, merged into a Cookie header value. */
function mergeCookies(jar: Map<string, string>, res: Response): void {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair!.indexOf("=");
    jar.set(pair!.slice(0, i).trim(), pair!.slice(i + 1));
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Signs in through next-auth's credentials endpoint and returns the session's Cookie header. */
export async function signIn(base: string, email: string, password = benchStaffPassword()): Promise<string> {
  const jar = new Map<string, string>();
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  mergeCookies(jar, csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar), origin: base },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/petugas` }),
  });
  mergeCookies(jar, res);
  await res.body?.cancel();
  if (![...jar.keys()].some((k) => k.endsWith("session-token"))) throw new Error(`sign-in as ${email} failed (${res.status} → ${res.headers.get("location")})`);
  return cookieHeader(jar);
}

export async function pageBench(ctx: Ctx, name: string, path: string, cookie: string, mustContain: string, extra: Record<string, unknown>, targetMs = 100) {
  const t0 = performance.now();
  const check = await fetch(`${ctx.server.base}${path}`, { headers: { cookie }, redirect: "manual" });
  const body = await check.text();
  const firstMs = round(performance.now() - t0, 1);
  if (check.status !== 200 || !body.includes(mustContain)) throw new Error(`${path} answered ${check.status} without ${mustContain}: not signed in?`);
  const request: AutocannonRequest = { method: "GET", path, headers: { cookie, accept: "text/html", "accept-language": "id" } };
  const connections = staffConnections();
  const { r, cpu, otherBefore } = await measured(ctx, name, secs(ctx, 3), secs(ctx, 15), request, connections);
  const lat = latencyFields(r, [50, 90, 95, 99]);
  const result = {
    bench: name,
    path,
    rps: round(r.ok2xx / r.elapsedS, 1),
    ...lat,
    connections,
    duration_s: round(r.elapsedS, 1),
    requests: r.total,
    avg_response_bytes: Math.round(r.bytes / Math.max(1, r.total)),
    errors: r.errors,
    non2xx: r.non2xx,
    status_codes: r.statusCodes,
    cpu: cpuFields(cpu, r.total, r.elapsedS),
    // the check request before the warm-up: a cold first render (and, for cached pages, the computation)
    first_request_ms: firstMs,
    ...extra,
    ...conditions(ctx, otherBefore),
    target: { p95_ms: targetMs },
    pass: (lat.p95_ms ?? Infinity) <= targetMs && r.errors === 0 && r.non2xx === 0,
  };
  emit(result);
  return result;
}

export async function staffQueueHttp(ctx: Ctx) {
  const cookie = await signIn(ctx.server.base, `koordinator@${BENCH_EMAIL_DOMAIN}`);
  const sql = postgres(ctx.databaseUrl, { max: 1, onnotice: () => {} });
  const [q] = await sql`select count(*)::int as n from complaints where status = 'received'`;
  await sql.end({ timeout: 5 });
  return pageBench(ctx, "staff_queue_http", "/petugas/antrean", cookie, "/petugas/aduan/", { queue_length: q!.n });
}

export async function staffInboxHttp(ctx: Ctx) {
  const sql = postgres(ctx.databaseUrl, { max: 1, onnotice: () => {} });
  const [top] = await sql<{ code: string; n: number }[]>`
    select o.code, count(*)::int as n from complaints c join opds o on o.id = c.opd_id
    where c.status in ('disposed', 'in_progress', 'awaiting_reporter') group by o.code order by 2 desc limit 1`;
  await sql.end({ timeout: 5 });
  if (!top) throw new Error("no OPD has open complaints: was the database seeded (npm run bench:seed)?");
  const cookie = await signIn(ctx.server.base, `${top.code.toLowerCase()}.petugas@${BENCH_EMAIL_DOMAIN}`);
  return pageBench(ctx, "staff_inbox_http", "/petugas/kotak-masuk", cookie, "/petugas/aduan/", { opd: top.code, opd_open_complaints: top.n });
}

/** Times `fn` over `items`, `concurrency` at a time. */
async function timed<T>(items: T[], concurrency: number, fn: (item: T) => Promise<{ post: number; total: number }>) {
  const post: number[] = [];
  const total: number[] = [];
  let failures = 0;
  let firstError: string | undefined;
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        try {
          const t = await fn(item);
          post.push(t.post);
          total.push(t.total);
        } catch (err) {
          failures++;
          firstError ??= String(err);
        }
      }
    }),
  );
  const elapsedS = Number(process.hrtime.bigint() - t0) / 1e9;
  post.sort((a, b) => a - b);
  total.sort((a, b) => a - b);
  return { post, total, failures, firstError, elapsedS };
}

export async function staffDisposeHttp(ctx: Ctx) {
  const base = ctx.server.base;
  const cookie = await signIn(base, `koordinator@${BENCH_EMAIL_DOMAIN}`);
  const n = Math.max(20, Math.round(300 * ctx.scale));
  // Fresh complaints through the public API, so the seeded queue is left as it was.
  const next = complaintGenerator(ctx.ref, 7);
  const codes: string[] = [];
  while (codes.length < n + 20) {
    const res = await fetch(`${base}/api/v1/complaints`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(next()) });
    const body = (await res.json()) as { trackingCode?: string };
    if (res.status !== 201 || !body.trackingCode) throw new Error(`creating a complaint answered ${res.status}`);
    codes.push(body.trackingCode);
  }
  const page = await (await fetch(`${base}/petugas/aduan/${codes[0]}`, { headers: { cookie } })).text();
  const form = [...page.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)].map((m) => m[1] ?? "").find((f) => f.includes('name="action" value="dispose"'));
  const actionId = form && /name="\$ACTION_ID_([0-9a-f]+)"/.exec(form)?.[1];
  if (!actionId) throw new Error("no dispose form on the complaint page");
  const sql = postgres(ctx.databaseUrl, { max: 1, onnotice: () => {} });
  const opdCodes = (await sql<{ code: string }[]>`select code from opds where kind = 'opd' and active order by id`).map((o) => o.code);
  await sql.end({ timeout: 5 });

  const dispose = async (code: string) => {
    const fd = new FormData();
    fd.set(`$ACTION_ID_${actionId}`, "");
    fd.set("code", code);
    fd.set("action", "dispose");
    fd.set("opdCode", opdCodes[code.charCodeAt(6) % opdCodes.length]!);
    const t0 = performance.now();
    const res = await fetch(`${base}/petugas/aduan/${code}`, { method: "POST", body: fd, redirect: "manual", headers: { cookie, origin: base, accept: "text/html" } });
    await res.arrayBuffer();
    const post = performance.now() - t0;
    const location = res.headers.get("location") ?? "";
    if (res.status !== 303 || !location.includes("done=dispose")) throw new Error(`dispose of ${code} answered ${res.status} → ${location}`);
    const after = await fetch(new URL(location, base), { headers: { cookie, accept: "text/html" } });
    const html = await after.text();
    if (after.status !== 200 || !html.includes('data-status="disposed"')) throw new Error(`page after dispose answered ${after.status}`);
    return { post, total: performance.now() - t0 };
  };

  const concurrency = Math.min(staffConnections(), 10);
  log(`staff_dispose_http: warm-up (20 disposals)`);
  await timed(codes.slice(0, 20), 2, dispose);
  await sleep(500);
  const pids = ctx.server.pids();
  const otherBefore = await waitQuiet(pids, ctx.dbName, ctx.waitQuietS);
  log(`staff_dispose_http: measuring ${n} disposals, ${concurrency} coordinators at once`);
  const before = cpuSnapshot(pids, ctx.dbName);
  const r = await timed(codes.slice(20), concurrency, dispose);
  const cpu = cpuDelta(before, cpuSnapshot(pids, ctx.dbName));
  if (r.firstError) log(`staff_dispose_http: first error: ${r.firstError}`);
  const pct = (xs: number[], p: number) => round(percentile(xs, p), 2);
  const result = {
    bench: "staff_dispose_http",
    disposals: r.total.length,
    per_s: round(r.total.length / r.elapsedS, 1),
    // POST of the form → 303 (the action: session, row lock, workflow, state + event + outbox).
    post_p50_ms: pct(r.post, 50),
    post_p95_ms: pct(r.post, 95),
    post_p99_ms: pct(r.post, 99),
    // … plus the GET of the complaint page it redirects to: what the coordinator waits for.
    p50_ms: pct(r.total, 50),
    p95_ms: pct(r.total, 95),
    p99_ms: pct(r.total, 99),
    max_ms: pct(r.total, 100),
    concurrency,
    failures: r.failures,
    // per disposal: the POST and the GET after it
    cpu: cpuFields(cpu, r.total.length, r.elapsedS),
    ...conditions(ctx, otherBefore),
    target: { p95_ms: 150 },
    pass: (pct(r.total, 95) ?? Infinity) <= 150 && r.failures === 0,
  };
  emit(result);
  return result;
}

