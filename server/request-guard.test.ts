import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT, refusalAnswer, requestProblem, validHost } from "./request-guard";

const get = (url: string, headers: Record<string, string> = {}) => ({ method: "GET", url, headers: { host: "pintu.test", ...headers } });
const action = (headers: Record<string, string>) => ({
  method: "POST",
  url: "/masuk",
  headers: { host: "pintu.test", origin: "http://pintu.test", "content-type": "multipart/form-data; boundary=x", "content-length": "100", ...headers },
});

describe("requestProblem", () => {
  it.each([
    ["TRACE", 405],
    ["PROPFIND", 405],
    ["CONNECT", 405],
    ["GET", null],
    ["OPTIONS", null],
  ])("method %s → %s", (method, status) => {
    expect(requestProblem({ method, url: "/api/health", headers: { host: "pintu.test" } })?.status ?? null).toBe(status);
  });

  it.each(["a b", "x:99999", "[::1", "x:0", "exa mple.id:80", "a..b", "host/evil", ""])("refuses the Host %j", (host) => {
    expect(requestProblem(get("/", { host }))).toMatchObject({ status: 400, error: "bad_request" });
    expect(validHost(host)).toBe(false);
  });

  it.each(["pintu.batam.go.id", "localhost:3000", "127.0.0.1:3400", "[::1]:3000", "app_1:3000", "PINTU.TEST."])("accepts the Host %j", (host) => {
    expect(requestProblem(get("/", { host }))).toBeNull();
  });

  it.each(["/api/v1/complaints/%E0%A4%A", "/lacak/%", "/petugas/aduan/%ZZ", "/lacak/%FF", "/aduan/%00", "http://evil.test/"])("refuses the path %j", (url) => {
    expect(requestProblem(get(url))).toMatchObject({ status: 400 });
  });

  it("refuses NUL in a page's query, leaves the API's to its handler (the SMS gateway answers binary with a hint)", () => {
    expect(requestProblem(get("/aduan?q=a%00b"))).toMatchObject({ status: 400 });
    expect(requestProblem(get("/api/sms/inbound?text=%00%01"))).toBeNull();
    expect(requestProblem(get("/aduan?q=jalan%20rusak&status=received"))).toBeNull();
  });

  it("refuses a missing Host, and forwarded headers that cannot make a URL", () => {
    expect(requestProblem({ method: "GET", url: "/", headers: {} })).toMatchObject({ status: 400 });
    expect(requestProblem(get("/petugas", { "x-forwarded-proto": "javascript" }))).toMatchObject({ status: 400 });
    expect(requestProblem(get("/petugas", { "x-forwarded-host": "a b" }))).toMatchObject({ status: 400 });
    expect(requestProblem(get("/petugas", { "x-forwarded-proto": "https, http", "x-forwarded-host": "pintu.batam.go.id" }))).toBeNull();
  });

  it("refuses a multipart body without a boundary, on any path", () => {
    for (const url of ["/masuk", "/api/health/x", "/api/v1/complaints"]) {
      expect(requestProblem({ method: "POST", url, headers: { host: "pintu.test", "content-type": "multipart/form-data", "content-length": "3" } })).toMatchObject({ status: 400 });
    }
  });

  it("refuses a client-router state header Next cannot parse (it would answer 500), passes a real one", () => {
    expect(requestProblem(get("/", { rsc: "1", "next-router-state-tree": "%7B%22bad" }))).toMatchObject({ status: 400 });
    expect(requestProblem(get("/", { "next-router-state-tree": "[[[[" }))).toMatchObject({ status: 400 });
    const state = encodeURIComponent(JSON.stringify(["", { children: ["__PAGE__", {}] }]));
    expect(requestProblem(get("/", { rsc: "1", "next-router-state-tree": state }))).toBeNull();
  });

  it("server-action posts: cross-site or null Origin 403, no length 411, too large 413, not a form 400", () => {
    expect(requestProblem(action({}))).toBeNull();
    expect(requestProblem(action({ origin: "http://evil.test" }))).toMatchObject({ status: 403 });
    expect(requestProblem(action({ origin: "null" }))).toMatchObject({ status: 403 });
    expect(requestProblem(action({ origin: "not a url" }))).toMatchObject({ status: 403 });
    expect(requestProblem(action({ origin: "https://pintu.test", host: "127.0.0.1:3000", "x-forwarded-host": "pintu.test" }))).toBeNull();
    expect(requestProblem(action({ "content-length": String(ACTION_BODY_LIMIT + 1) }))).toMatchObject({ status: 413 });
    const chunked = action({});
    delete (chunked.headers as Record<string, string>)["content-length"];
    expect(requestProblem(chunked)).toMatchObject({ status: 411 });
    expect(requestProblem(action({ "next-action": "40aa", "content-type": "text/plain;charset=UTF-8" }))).toMatchObject({ status: 400 });
    expect(requestProblem(action({ "next-action": "40aa" }))).toBeNull();
    // An action that uses no argument (sign-out) is sent `[]` as text; one that does must send a form.
    const noArgs = `00${"e9".repeat(20)}`;
    expect(requestProblem(action({ "next-action": noArgs, "content-type": "text/plain;charset=UTF-8", "content-length": "2" }))).toBeNull();
    expect(requestProblem(action({ "next-action": noArgs, "content-type": "text/plain;charset=UTF-8", "content-length": "40" }))).toMatchObject({ status: 400 });
    expect(requestProblem(action({ "next-action": `60${"e9".repeat(20)}`, "content-type": "text/plain;charset=UTF-8", "content-length": "2" }))).toMatchObject({ status: 400 });
    // The JSON API is for other programs (no Origin rules); its handlers check their own bodies.
    expect(requestProblem({ ...action({ origin: "http://evil.test" }), url: "/api/v1/complaints" })).toBeNull();
  });

  it("refuses a target that is not a path, OPTIONS * included (Next answers it 500)", () => {
    for (const url of ["*", "http://evil.test/", "evil"]) expect(requestProblem({ method: "OPTIONS", url, headers: { host: "pintu.test" } })).toMatchObject({ status: 400 });
  });
});

describe("refusalAnswer", () => {
  const r = { status: 405, error: "method_not_allowed", message: "Method FOO is not allowed", headers: { allow: "GET" } };
  it("answers JSON under /api/ and text elsewhere, without a body to HEAD", () => {
    expect(refusalAnswer({ method: "FOO", url: "/api/health", headers: {} }, r)).toEqual({ status: 405, headers: { allow: "GET", "content-type": "application/json", "cache-control": "no-store" }, body: '{"error":"method_not_allowed","message":"Method FOO is not allowed"}' });
    expect(refusalAnswer({ method: "FOO", url: "/lapor", headers: {} }, r).body).toBe("405 Method FOO is not allowed\n");
    expect(refusalAnswer({ method: "HEAD", url: "/lapor", headers: {} }, r).body).toBeUndefined();
  });
});
