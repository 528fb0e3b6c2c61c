import { describe, expect, it } from "vitest";
import { normalizePhone } from "./phone";

describe("normalizePhone", () => {
  it.each([
    ["08123456789", "+628123456789"],
    ["081234567890", "+6281234567890"],
    ["6281234567890", "+6281234567890"],
    ["+6281234567890", "+6281234567890"],
    ["0812-3456-7890", "+6281234567890"],
    ["0812.3456.7890", "+6281234567890"],
    [" +62 812 3456 7890 ", "+6281234567890"],
    ["(0778) 462 000", "+62778462000"],
  ])("writes %j in E.164 as %s", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it("gives the same number whichever of the three accepted forms is typed", () => {
    const forms = ["0812 7000 1234", "62 812 7000 1234", "+62 812 7000 1234"].map(normalizePhone);
    expect(new Set(forms)).toEqual(new Set(["+6281270001234"]));
  });

  it.each([
    ["0812", "too short"],
    ["0812345", "7 digits after the trunk prefix"],
    ["08123456789012", "13 digits after the trunk prefix"],
    ["0812abcd5678", "letters"],
    ["08l2345678901", "a letter l for a one"],
    ["+1 415 555 0100", "a foreign country code"],
    ["812345678", "no prefix at all"],
    ["00628123456789", "an international 00 prefix"],
    ["+62 0812 3456 789", "a trunk 0 after the country code"],
    ["0812+34567890", "a plus sign in the middle"],
    ["", "empty"],
    ["+62", "only the country code"],
  ])("rejects %j (%s)", (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
});
