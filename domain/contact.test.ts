import { describe, expect, it } from "vitest";
import { contactMatches, maskEmail, maskPhone, parseContact } from "./contact";

describe("reporter contacts", () => {
  it("reads a phone number in any usual form, or an e-mail address without case", () => {
    expect(parseContact(" 0812-3456-7890 ")).toEqual({ channel: "sms", value: "+6281234567890" });
    expect(parseContact("+62 812 3456 7890")).toEqual({ channel: "sms", value: "+6281234567890" });
    expect(parseContact("Budi@Contoh.ID")).toEqual({ channel: "email", value: "budi@contoh.id" });
    expect(parseContact("budi@")).toBeNull();
    expect(parseContact("12345")).toBeNull();
    expect(parseContact("")).toBeNull();
  });

  it("matches only the contact stored on the complaint", () => {
    const stored = { phone: "+6281234567890", email: "Budi@contoh.id" };
    expect(contactMatches(parseContact("081234567890")!, stored)).toBe(true);
    expect(contactMatches(parseContact("budi@contoh.id")!, stored)).toBe(true);
    expect(contactMatches(parseContact("081234567891")!, stored)).toBe(false);
    expect(contactMatches(parseContact("budi@contoh.id")!, { phone: null, email: null })).toBe(false);
  });

  it("masks contacts so the reporter recognises them", () => {
    expect(maskPhone("+6281234567890")).toBe("+62 812•••••890");
    expect(maskEmail("budi.santoso@example.com")).toBe("b•••@example.com");
  });
});
