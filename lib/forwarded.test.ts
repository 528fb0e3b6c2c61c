import { describe, expect, it } from "vitest";
import { isTrustedPeer, parseTrustProxy, resolveClientAddress, type TrustProxy } from "./forwarded";

const none: TrustProxy = { hops: 0 };
const one: TrustProxy = { hops: 1 };
const two: TrustProxy = { hops: 2 };
const lb: TrustProxy = { list: ["10.0.0.0/8", "192.168.1.5", "fd00::/8"] };

describe("parseTrustProxy", () => {
  it.each([
    [undefined, { hops: 0 }],
    ["", { hops: 0 }],
    ["0", { hops: 0 }],
    ["off", { hops: 0 }],
    ["1", { hops: 1 }],
    ["true", { hops: 1 }],
    ["2", { hops: 2 }],
    ["10.0.0.0/8, 192.168.1.5 ,::1", { list: ["10.0.0.0/8", "192.168.1.5", "::1"] }],
  ])("%j → %j", (value, expected) => {
    expect(parseTrustProxy(value)).toEqual(expected);
  });

  it.each(["kadang", "10.0.0.0/33", "300.1.1.1", "17", "10.0.0.0/8,nginx"])("refuses %j with a reason", (value) => {
    expect(typeof parseTrustProxy(value)).toBe("string");
  });
});

describe("resolveClientAddress", () => {
  it("without trusted proxies is the socket address, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("203.0.113.7", "1.2.3.4", none)).toBe("203.0.113.7");
    expect(resolveClientAddress("::ffff:203.0.113.7", undefined, none)).toBe("203.0.113.7");
  });

  it("behind one proxy is the entry that proxy appended (the rightmost), so forged entries on the left never count", () => {
    expect(resolveClientAddress("127.0.0.1", "203.0.113.7", one)).toBe("203.0.113.7");
    expect(resolveClientAddress("127.0.0.1", "1.1.1.1, 2.2.2.2, 203.0.113.7", one)).toBe("203.0.113.7");
    const forged = Array.from({ length: 15 }, (_, i) => `10.9.9.${i}`).join(", ");
    expect(resolveClientAddress("127.0.0.1", `${forged}, 203.0.113.7`, one)).toBe("203.0.113.7");
    // Headers sent twice are one list, in order.
    expect(resolveClientAddress("127.0.0.1", ["6.6.6.6", "203.0.113.7"], one)).toBe("203.0.113.7");
  });

  it("counts hops from the right", () => {
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 203.0.113.7, 10.0.0.1", two)).toBe("203.0.113.7");
  });

  it("falls back to the nearest known address when the header is missing, short or malformed", () => {
    expect(resolveClientAddress("127.0.0.1", undefined, one)).toBe("127.0.0.1");
    expect(resolveClientAddress("10.0.0.2", "203.0.113.7", two)).toBe("203.0.113.7");
    expect(resolveClientAddress("127.0.0.1", "203.0.113.7, nonsense", one)).toBe("127.0.0.1");
    expect(resolveClientAddress(undefined, undefined, none)).toBe("unknown");
  });

  it("with a list, skips trusted proxies from the right and stops at the first other address", () => {
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 203.0.113.7, 192.168.1.5", lb)).toBe("203.0.113.7");
    expect(resolveClientAddress("::ffff:10.1.2.3", "203.0.113.7", lb)).toBe("203.0.113.7");
    // A peer outside the list is the client itself: its X-Forwarded-For is ignored.
    expect(resolveClientAddress("198.51.100.4", "203.0.113.7", lb)).toBe("198.51.100.4");
    expect(resolveClientAddress("fd00::1", "2001:db8::5", lb)).toBe("2001:db8::5");
  });

  it("knows which peers are trusted proxies", () => {
    expect(isTrustedPeer("10.0.0.2", lb)).toBe(true);
    expect(isTrustedPeer("198.51.100.4", lb)).toBe(false);
    expect(isTrustedPeer("198.51.100.4", one)).toBe(true);
    expect(isTrustedPeer("127.0.0.1", none)).toBe(false);
  });
});
