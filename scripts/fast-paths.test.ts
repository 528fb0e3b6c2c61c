import type { IncomingMessage } from "node:http";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { productionBuild } from "@/test/production-build";
import { loadFastPaths, routeHandlers, routePattern, type FastPaths } from "./fast-paths";

const root = fileURLToPath(new URL("..", import.meta.url));
const installedNext = (createRequire(import.meta.url)("next/package.json") as { version: string }).version;

const request = (method: string, url: string) => ({ method, url, headers: {} }) as IncomingMessage;

describe("routePattern: an app route path as Next's router matches it", () => {
  it("static segments, [name] (one segment) and [...name] (one or more, last)", () => {
    expect(routePattern("/api/v1/complaints").pattern.test("/api/v1/complaints")).toBe(true);
    expect(routePattern("/api/v1/complaints").pattern.test("/api/v1/complaints/")).toBe(false);
    const one = routePattern("/api/v1/complaints/[code]");
    expect(one.params).toEqual([{ name: "code", catchAll: false }]);
    expect(one.pattern.exec("/api/v1/complaints/BTM-1")?.[1]).toBe("BTM-1");
    expect(one.pattern.test("/api/v1/complaints/BTM-1/x")).toBe(false);
    const all = routePattern("/open311/v2/[...path]");
    expect(all.params).toEqual([{ name: "path", catchAll: true }]);
    expect(all.pattern.exec("/open311/v2/requests/1.json")?.[1]).toBe("requests/1.json");
    // Empty segments and a trailing slash are Next's to answer (its redirect).
    for (const p of ["/open311/v2/", "/open311/v2/a//b", "/open311/v2/services.json/"]) expect(all.pattern.test(p), p).toBe(false);
  });

  it("refuses what no fast route uses (optional catch-alls, groups)", () => {
    expect(() => routePattern("/x/[[...rest]]")).toThrow(/not supported/);
    expect(() => routePattern("/(public)/x")).toThrow(/not supported/);
  });
});

describe("routeHandlers: the shape of Next's compiled route module", () => {
  const good = (userland: Record<string, unknown>) => ({
    routeModule: { definition: { kind: "APP_ROUTE", pathname: "/api/x" }, ensureUserland: async () => {}, userland },
  });

  it("takes the route file's handlers from routeModule.userland after ensureUserland()", async () => {
    const GET = async () => new Response("ok");
    const handlers = await routeHandlers(good({ GET, dynamic: "force-dynamic" }), "/api/x", ["GET"]);
    expect(handlers.get("GET")).toBe(GET);
  });

  it("fails loudly, naming the checked and the installed Next, when the shape is another", async () => {
    const cases: [unknown, RegExp][] = [
      [{ handler: () => {} }, /no routeModule\.ensureUserland\(\)/],
      [null, /no routeModule\.ensureUserland\(\)/],
      [{ routeModule: { ...good({}).routeModule, definition: { kind: "APP_PAGE", pathname: "/api/x" } } }, /not an APP_ROUTE for \/api\/x/],
      [{ routeModule: { ...good({}).routeModule, definition: { kind: "APP_ROUTE", pathname: "/api/y" } } }, /not an APP_ROUTE for \/api\/x/],
      [good({ POST: async () => new Response() }), /routeModule\.userland has no GET function/],
    ];
    for (const [compiled, problem] of cases) {
      const err = await routeHandlers(compiled, "/api/x", ["GET"]).then(() => null, (e: Error) => e);
      expect(err?.message).toMatch(problem);
      expect(err?.message).toContain(`checked against Next 16.4.6; this is Next ${installedNext}`);
      expect(err?.message).toContain("PINTU_FAST_PATHS=0");
    }
  });
});

/**
 * Against the real production build (made here when missing or stale, as test/fault.test.ts does;
 * a fingerprint check when it is fresh): every fast route loads, and its handler is the very
 * function Next's own loader (next/dist/server/require.js) gets for that route.
 */
describe("loadFastPaths against the production build", () => {
  let fast: FastPaths;
  let distDir = "";
  let t: TestDatabase | undefined;
  const routes = [
    { page: "/api/v1/complaints/route", method: "POST", url: "/api/v1/complaints" },
    { page: "/api/v1/complaints/[code]/route", method: "GET", url: "/api/v1/complaints/BTM-00000000" },
    { page: "/api/sms/inbound/route", method: "GET", url: "/api/sms/inbound?from=1" },
    { page: "/api/sms/inbound/route", method: "POST", url: "/api/sms/inbound" },
    { page: "/open311/v2/[...path]/route", method: "GET", url: "/open311/v2/services.json" },
    { page: "/open311/v2/[...path]/route", method: "POST", url: "/open311/v2/requests.json" },
  ];

  beforeAll(async () => {
    distDir = await productionBuild(root);
    fast = await loadFastPaths(distDir);
  }, 20 * 60_000);

  afterAll(async () => {
    delete (globalThis as Record<symbol, unknown>)[Symbol.for("pintu.db")];
    await t?.dispose();
  });

  it("each fast route's handler is the one Next's server loads for it (one module, Node's cache)", async () => {
    const { requirePage } = createRequire(import.meta.url)("next/dist/server/require") as {
      requirePage: (page: string, distDir: string, isAppPath: boolean) => Promise<{ routeModule: { userland: Record<string, unknown> } }>;
    };
    for (const { page, method, url } of routes) {
      const found = fast.match(request(method, url));
      expect(found, `${method} ${url}`).not.toBeNull();
      const nexts = await requirePage(page, distDir, true);
      expect(found!.handler, `${method} ${url}`).toBe(nexts.routeModule.userland[method]);
    }
  });

  it("matches what it answers; other methods, paths and bad encodings go to Next", () => {
    expect(fast.match(request("GET", "/api/v1/complaints/BTM-ABC%2D1?x=1"))?.params).toEqual({ code: "BTM-ABC-1" });
    expect(fast.match(request("GET", "/open311/v2/requests/BTM%2D1.json"))?.params).toEqual({ path: ["requests", "BTM-1.json"] });
    for (const [method, url] of [
      ["GET", "/api/v1/complaints"],
      ["HEAD", "/api/v1/complaints/BTM-1"],
      ["DELETE", "/api/sms/inbound"],
      ["GET", "/api/v1/complaints/%E0%A4%A"],
      ["GET", "/api/v1/complaints/BTM-1/"],
      ["GET", "/api/v1/categories"],
    ]) {
      expect(fast.match(request(method!, url!)), `${method} ${url}`).toBeNull();
    }
  });

  it("the compiled handler answers with the same arguments Next passes (a lookup on a real database)", async () => {
    t = await testDatabases()[0]!.open();
    // The build's getDb() takes the process's database from globalThis (db/client.ts sharedDb).
    (globalThis as Record<symbol, unknown>)[Symbol.for("pintu.db")] = t.handle;
    const found = fast.match(request("GET", "/api/v1/complaints/BTM-00000000"))!;
    const res = await found.handler(new Request("http://localhost/api/v1/complaints/BTM-00000000"), { params: Promise.resolve(found.params) });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: "not_found" });
  });
});
