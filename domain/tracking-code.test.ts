import { describe, expect, it } from "vitest";
import { CROCKFORD, makeTrackingCode, normalizeTrackingCode } from "./tracking-code";

const FORMAT = /^BTM-[0-9A-HJKMNP-TV-Z]{8}$/;

describe("makeTrackingCode", () => {
  it("spells 40 random bits as the region, a dash and 8 Crockford characters", () => {
    expect(makeTrackingCode("BTM", new Uint8Array([0, 0, 0, 0, 0]))).toBe("BTM-00000000");
    expect(makeTrackingCode("BTM", new Uint8Array([255, 255, 255, 255, 255]))).toBe("BTM-ZZZZZZZZ");
    // 0x0842108421 = 00001 00001 00001 ... in 5-bit groups
    expect(makeTrackingCode("BTM", new Uint8Array([0x08, 0x42, 0x10, 0x84, 0x21]))).toBe("BTM-11111111");
  });

  it("uses every bit: changing the last random bit changes the code", () => {
    const a = makeTrackingCode("BTM", new Uint8Array([1, 2, 3, 4, 5]));
    const b = makeTrackingCode("BTM", new Uint8Array([1, 2, 3, 4, 4]));
    expect(a).not.toBe(b);
  });

  it("never uses I, L, O or U, for random input", () => {
    const bytes = new Uint8Array(5);
    for (let i = 0; i < 200; i++) {
      crypto.getRandomValues(bytes);
      expect(makeTrackingCode("BTM", bytes)).toMatch(FORMAT);
    }
    expect(CROCKFORD).toHaveLength(32);
    expect(CROCKFORD).not.toMatch(/[ILOU]/);
  });

  it("refuses fewer than 5 random bytes", () => {
    expect(() => makeTrackingCode("BTM", new Uint8Array(4))).toThrow();
  });

  it("round-trips through normalizeTrackingCode", () => {
    const code = makeTrackingCode("BTM", new Uint8Array([9, 8, 7, 6, 5]));
    expect(normalizeTrackingCode(code.toLowerCase(), "BTM")).toBe(code);
  });
});

describe("normalizeTrackingCode", () => {
  it.each([
    ["BTM-7K3Q9MZD", "BTM-7K3Q9MZD"],
    ["btm-7k3q9mzd", "BTM-7K3Q9MZD"],
    ["  Btm-7K3q9MzD \n", "BTM-7K3Q9MZD"],
    ["BTM7K3Q9MZD", "BTM-7K3Q9MZD"],
    ["BTM 7K3Q 9MZD", "BTM-7K3Q9MZD"],
    ["BTM-7K3Q-9MZD", "BTM-7K3Q9MZD"],
    ["BTM-OOOOOOOO", "BTM-00000000"],
    ["btm-o0o0o0o0", "BTM-00000000"],
    ["BTM-IL1ILil1", "BTM-11111111"],
  ])("reads %j as %s", (input, expected) => {
    expect(normalizeTrackingCode(input, "BTM")).toBe(expected);
  });

  it("accepts the region in any case", () => {
    expect(normalizeTrackingCode("btm-7k3q9mzd", "btm")).toBe("BTM-7K3Q9MZD");
  });

  it.each([
    ["JKT-7K3Q9MZD", "another region"],
    ["7K3Q9MZD", "no region"],
    ["BTM-7K3Q9MZ", "7 characters"],
    ["BTM-7K3Q9MZDX", "9 characters"],
    ["BTM-7K3Q9MZU", "U, which Crockford excludes"],
    ["BTM-7K3Q9MZ!", "punctuation"],
    ["BTM-", "an empty tail"],
    ["", "nothing"],
  ])("rejects %j (%s)", (input) => {
    expect(normalizeTrackingCode(input, "BTM")).toBeNull();
  });
});
