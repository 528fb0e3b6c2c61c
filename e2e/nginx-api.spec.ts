import { existsSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { validComplaint } from "./support/data";
import { NGINX, startNginx } from "./support/nginx";
import { createTestDatabase, freshConnectionRequest, startPortal } from "./support/pg-portal";
import { E2E_SERVER, MAIN_PORT } from "./support/servers";

test.skip(E2E_SERVER === "next", "starts its own `npm start` servers: the same under either E2E_SERVER");

/**
 * docs/DEPLOY.md's proxy, for real: nginx with deploy/nginx/pintu.conf (TLS) in front of two
 * portals on one PostgreSQL database, one trusting "1 proxy", the other the proxy's address.
 * Requests through it are served by both; the client address the portal uses (seen through the
 * rate-limit buckets it keeps in the database) is the real client's, and entries a client forges
 * into X-Forwarded-For change nothing.
 */
const RATE = 3;
const ports = { a: MAIN_PORT + 22, b: MAIN_PORT + 23, https: MAIN_PORT + 24, http: MAIN_PORT + 25 };
const front = `https://127.0.0.1:${ports.https}`;
const host = { host: "pintu.batam.go.id" };

const postComplaint = (localAddress: string, forged?: string) =>
  freshConnectionRequest(`${front}/api/v1/complaints`, {
    method: "POST",
    localAddress,
    headers: { ...host, "content-type": "application/json", ...(forged ? { "x-forwarded-for": forged } : {}) },
    body: JSON.stringify(validComplaint()),
  });

test("nginx in front of two portals: served by both, the real client address, forged X-Forwarded-For ignored @api", async () => {
  const serverUrl = process.env.TEST_DATABASE_URL;
  test.skip(!serverUrl, "needs TEST_DATABASE_URL (a PostgreSQL server)");
  test.skip(!existsSync(NGINX), "needs nginx (Debian nginx-light; .ci/run installs it)");
  test.setTimeout(300_000);
  const db = await createTestDatabase(serverUrl!);
  const stops: (() => Promise<void>)[] = [db.drop];
  try {
    const common = { PUBLIC_RATE_LIMIT: String(RATE) };
    // The same database and secret, the two spellings of TRUST_PROXY.
    const a = await startPortal(db.url, ports.a, { ...common, TRUST_PROXY: "1" });
    stops.unshift(a.stop);
    const b = await startPortal(db.url, ports.b, { ...common, TRUST_PROXY: "127.0.0.1" });
    stops.unshift(b.stop);
    const nginx = await startNginx({ root: process.cwd(), upstreams: [`127.0.0.1:${ports.a}`, `127.0.0.1:${ports.b}`], httpsPort: ports.https, httpPort: ports.http });
    stops.unshift(nginx.stop);

    // Served over TLS, by both app hosts, under nginx's request id.
    for (let i = 0; i < 4; i++) {
      const res = await freshConnectionRequest(`${front}/api/health`, { headers: host });
      expect(res.status).toBe(200);
      expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f]{32}$/);
      expect(res.headers["strict-transport-security"]).toBeTruthy();
    }
    const page = await freshConnectionRequest(`${front}/lapor`, { headers: host });
    expect(page.status).toBe(200);
    expect(page.body).toContain("<form");
    const upstreams = new Set([...nginx.log().matchAll(/"upstream":"([^"]+)"/g)].map((m) => m[1]));
    expect(upstreams).toEqual(new Set([`127.0.0.1:${ports.a}`, `127.0.0.1:${ports.b}`]));
    // Plain HTTP redirects; /metrics is not served through the proxy.
    const plain = await freshConnectionRequest(`http://127.0.0.1:${ports.http}/lapor`, { headers: host });
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toBe("https://pintu.batam.go.id/lapor");
    expect((await freshConnectionRequest(`${front}/metrics`, { headers: host })).status).toBe(404);

    // Client 127.0.0.2 writes a different forged entry each time: still one client, limited at RATE.
    for (let i = 0; i < RATE; i++) expect((await postComplaint("127.0.0.2", `10.9.9.${i}, 198.51.100.${i}`)).status).toBe(201);
    const refused = await postComplaint("127.0.0.2", "10.9.9.99");
    expect(refused.status).toBe(429);
    expect(refused.headers["retry-after"]).toBeTruthy();
    // Another client (127.0.0.3) through the same proxy has its own allowance.
    expect((await postComplaint("127.0.0.3")).status).toBe(201);
    // One forging the other's address does not spend it: 127.0.0.3 still has RATE - 1 left.
    expect((await postComplaint("127.0.0.4", "127.0.0.3")).status).toBe(201);
    expect((await postComplaint("127.0.0.3")).status).toBe(201);

    // The buckets the portals kept: the real clients' addresses, never a forged one or nginx's own.
    const buckets = (await db.sql<{ bucket: string; count: number }[]>`select bucket, sum(count)::int as count from rate_limits group by bucket order by bucket`).map((r) => `${r.bucket}=${r.count}`);
    expect(buckets).toEqual([`public-write:127.0.0.2=${RATE + 1}`, "public-write:127.0.0.3=2", "public-write:127.0.0.4=1"]);
  } finally {
    for (const stop of stops) await stop().catch(() => {});
  }
});
