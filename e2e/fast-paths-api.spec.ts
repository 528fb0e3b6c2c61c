import { expect, test } from "@playwright/test";
import { validComplaint } from "./support/data";
import { createTestDatabase, freshConnectionRequest, startPortal, type Answer, type Portal } from "./support/pg-portal";
import { E2E_SERVER, MAIN_PORT, MAIN_URL } from "./support/servers";

test.skip(E2E_SERVER === "next", "compares `npm start`'s fast paths with Next's pipeline, both under its own `npm start` servers");

/**
 * Issue 17 item 5: the fast paths (scripts/fast-paths.ts) call the route handlers of Next's build.
 * Two `npm start` servers on one PostgreSQL database, one with the fast paths and one with
 * PINTU_FAST_PATHS=0 (Next's request pipeline calls the same handlers), get the same requests to
 * every fast route — intake, lookup, SMS, Open311, successes and refusals — and must give the same
 * answer: status, headers (but the date, the request id and the policy's nonce) and body (but the
 * server's own address and, for two new complaints, their code and access key).
 *
 * Which of the two answered is visible: Next's pipeline adds `Vary: rsc, next-router-state-tree, …`
 * to every answer and streams it (chunked), the fast path writes the handler's headers and a
 * Content-Length. So each comparison also checks that the fast server's answer did not go through
 * Next, and the other's did.
 */
const SMS_KEY = "fast-paths-sms-key-0123456789";
const PORTS = { fast: MAIN_PORT + 27, next: MAIN_PORT + 28 };
const serverUrl = process.env.TEST_DATABASE_URL;

/** Headers that differ between any two answers of one server. */
const PER_ANSWER = new Set(["date", "x-request-id", "connection", "keep-alive"]);
/** Headers of the pipeline, not of the handler: how the answer is framed, and Next's Vary. */
const PIPELINE = new Set(["content-length", "transfer-encoding", "vary"]);

/** Which pipeline wrote an answer (see above). */
function pipeline(headers: Answer["headers"]): "fast path" | "Next" | "unclear" {
  const vary = String(headers.vary ?? "");
  if (/\brsc\b/.test(vary)) return "Next";
  if (!vary && headers["content-length"] !== undefined && headers["transfer-encoding"] === undefined) return "fast path";
  return "unclear";
}

function comparable(a: Answer, origin: string) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(a.headers)) {
    if (PER_ANSWER.has(name) || PIPELINE.has(name) || value === undefined) continue;
    headers[name] = (Array.isArray(value) ? value.join(", ") : value).replace(/'nonce-[^']+'/, "'nonce-…'");
  }
  return { status: a.status, headers, body: a.body.replaceAll(origin, "ORIGIN") };
}

test("the main server answers every fast route on its fast path, other routes through Next @api", async () => {
  const fastRoutes: [string, { method?: string; headers?: Record<string, string>; body?: string }][] = [
    ["/api/v1/complaints", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }],
    ["/api/v1/complaints/BTM-00000000", {}],
    ["/api/sms/inbound", {}],
    ["/api/sms/inbound", { method: "POST", body: "" }],
    ["/open311/v2/services.json", {}],
    ["/open311/v2/requests.json", { method: "POST", body: "" }],
  ];
  const answers = await Promise.all(
    fastRoutes.map(async ([path, req]) => [path, pipeline((await freshConnectionRequest(`${MAIN_URL}${path}`, req)).headers)] as const),
  );
  for (const [path, answeredBy] of answers) expect(answeredBy, path).toBe("fast path");
  // A route handler that is not a fast route, a method the fast route does not take.
  expect(pipeline((await freshConnectionRequest(`${MAIN_URL}/api/v1/categories`)).headers)).toBe("Next");
  expect(pipeline((await freshConnectionRequest(`${MAIN_URL}/api/v1/complaints/BTM-00000000`, { method: "HEAD" })).headers)).toBe("Next");
});

test.describe("the fast paths answer as Next's route handlers do @api", () => {
  test.describe.configure({ mode: "serial" });
  test.skip(!serverUrl, "needs TEST_DATABASE_URL (a PostgreSQL server): both servers share one database");
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const portals: Partial<Record<keyof typeof PORTS, Portal>> = {};

  test.beforeAll(async () => {
    test.setTimeout(400_000);
    db = await createTestDatabase(serverUrl!);
    const env = { SMS_INBOUND_KEY: SMS_KEY, PUBLIC_RATE_LIMIT: "0" };
    // One after the other: the first prepares the database (migrations, reference data).
    portals.fast = await startPortal(db.url, PORTS.fast, env);
    portals.next = await startPortal(db.url, PORTS.next, { ...env, PINTU_FAST_PATHS: "0", PAGE_CACHE_SECONDS: "0" });
  });

  test.afterAll(async () => {
    await Promise.all(Object.values(portals).map((p) => p.stop()));
    await db?.drop();
  });

  type Request = { method?: string; headers?: Record<string, string>; body?: string };
  type Server = keyof typeof PORTS;
  /**
   * The same request to both servers: their answers, made comparable. Given as functions, path
   * and request get each server's name (an SMS sender per server: a second message from one
   * number is another case).
   */
  async function both(path: string | ((server: Server) => string), req: Request | ((server: Server) => Request) = {}) {
    const [fast, next] = await Promise.all(
      (["fast", "next"] as const).map(async (name) => {
        const p = portals[name]!;
        const url = `${p.url}${typeof path === "string" ? path : path(name)}`;
        const answer = await freshConnectionRequest(url, typeof req === "function" ? req(name) : req);
        expect(pipeline(answer.headers), `${name}: ${url}`).toBe(name === "fast" ? "fast path" : "Next");
        return comparable(answer, p.url);
      }),
    );
    return { fast: fast!, next: next! };
  }
  const sender = (server: Server) => (server === "fast" ? "%2B6281200000001" : "%2B6281200000002");

  const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  test("refusals and reads: the same status, headers and body", async () => {
    const requests: [Parameters<typeof both>[0], Parameters<typeof both>[1]][] = [
      ["/api/v1/complaints", json({ title: "x" })],
      ["/api/v1/complaints", { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" }],
      ["/api/v1/complaints", { method: "POST", headers: { "content-type": "text/plain" }, body: "hello" }],
      ["/api/v1/complaints", { method: "POST", headers: { "content-type": "application/json", "accept-language": "en" }, body: JSON.stringify({ title: "x" }) }],
      ["/api/v1/complaints/BTM-00000000", {}],
      ["/api/v1/complaints/not%20a%20code", {}],
      ["/api/sms/inbound?from=%2B6281200000001&text=BTM+CEK+BTM-00000000", {}],
      [(server) => `/api/sms/inbound?key=${SMS_KEY}&from=${sender(server)}&text=BTM+CEK+BTM-00000000`, {}],
      ["/api/sms/inbound", (server) => ({ method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-api-key": SMS_KEY }, body: `from=${sender(server)}&text=BTM` })],
      ["/open311/v2/discovery.json", {}],
      ["/open311/v2/services.json", {}],
      ["/open311/v2/services.xml?locale=en", {}],
      ["/open311/v2/services/JALAN.json", {}],
      ["/open311/v2/requests/BTM-00000000.json", {}],
      ["/open311/v2/nothing.json", {}],
      ["/open311/v2/requests.json", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "service_code=JALAN&description=x" }],
    ];
    for (const [path, req] of requests) {
      const { fast, next } = await both(path, req);
      const what = `${typeof req === "function" ? "POST" : (req?.method ?? "GET")} ${typeof path === "string" ? path : path("fast")}`;
      expect(fast, what).toEqual(next);
    }
  });

  test("a complaint filed on either is the same receipt, and the same lookup, SMS status and Open311 request on both", async () => {
    const filed = await both("/api/v1/complaints", json(validComplaint({ title: "Lampu jalan padam di depan sekolah" })));
    expect(filed.fast.status).toBe(201);
    const codes = [filed.fast, filed.next].map((a) => (JSON.parse(a.body) as { trackingCode: string }).trackingCode);
    // The receipts differ only in the complaint's code and access key.
    const masked = (a: typeof filed.fast) => {
      const { trackingCode, accessKey } = JSON.parse(a.body) as { trackingCode: string; accessKey: string };
      return { ...a, headers: { ...a.headers, location: a.headers.location?.replace(trackingCode, "CODE") }, body: a.body.replace(trackingCode, "CODE").replace(accessKey, "KEY") };
    };
    expect(masked(filed.fast)).toEqual(masked(filed.next));

    const accessKeys = [filed.fast, filed.next].map((a) => (JSON.parse(a.body) as { accessKey: string }).accessKey);
    for (const [i, code] of codes.entries()) {
      for (const path of [
        `/api/v1/complaints/${code}`,
        `/api/v1/complaints/${code.toLowerCase()}`,
        `/api/v1/complaints/${code}?key=${accessKeys[i]}`,
        `/open311/v2/requests/${code}.json`,
        `/open311/v2/requests/${code}.xml`,
      ]) {
        const { fast, next } = await both(path);
        expect(fast.status, path).toBe(200);
        // The lookup's own `Referrer-Policy: no-referrer` (server/api/complaints.ts) on both.
        if (path.startsWith("/api/")) expect([fast.headers["referrer-policy"], next.headers["referrer-policy"]]).toEqual(["no-referrer", "no-referrer"]);
        expect(fast, path).toEqual(next);
      }
      const status = await both((server) => `/api/sms/inbound?key=${SMS_KEY}&from=${sender(server)}&text=BTM+CEK+${code}`);
      expect(status.fast.body).toContain(code);
      expect(status.fast).toEqual(status.next);
    }
  });
});
