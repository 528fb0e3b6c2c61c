import { describe, expect, it } from "vitest";
import { publicOrigin, visitorUsesHttps } from "./public-origin";

const h = (o: Record<string, string>) => new Headers(o);
const plain = { PUBLIC_BASE_URL: undefined, TRUST_PROXY: { hops: 0 }, PORT: 3000 };

describe("publicOrigin", () => {
  it("prefers PUBLIC_BASE_URL", () => {
    expect(publicOrigin(h({ host: "0.0.0.0:3000" }), { ...plain, PUBLIC_BASE_URL: "https://pintu.batam.go.id/x" })).toBe("https://pintu.batam.go.id");
    expect(visitorUsesHttps(h({}), { ...plain, PUBLIC_BASE_URL: "https://pintu.batam.go.id" })).toBe(true);
  });

  it("takes the Host header, and the proxy's scheme and host only when trusted", () => {
    const headers = h({ host: "localhost:3000", "x-forwarded-proto": "https", "x-forwarded-host": "pintu.batam.go.id" });
    expect(publicOrigin(headers, plain)).toBe("http://localhost:3000");
    expect(publicOrigin(headers, { ...plain, TRUST_PROXY: { hops: 1 } })).toBe("https://pintu.batam.go.id");
    expect(visitorUsesHttps(headers, plain)).toBe(false);
    expect(publicOrigin(h({ host: "[::1]:3000" }), plain)).toBe("http://[::1]:3000");
  });

  it("falls back to localhost for a missing or malformed Host", () => {
    for (const host of ["a b", "x:999999", "x:99999", "[::1", "evil.test/path", ""]) expect(publicOrigin(h(host ? { host } : {}), plain)).toBe("http://localhost:3000");
  });
});
