import { describe, expect, it } from "vitest";
import { parseSearchQuery, phoneFrom } from "./search-query";

describe("parseSearchQuery", () => {
  it("reads a tracking code with or without its prefix, in any case", () => {
    for (const q of ["BTM-7K3Q9MZD", "btm-7k3q9mzd", " btm7k3q9mzd ", "7k3q9mzd"]) expect(parseSearchQuery(q, "BTM")?.code).toBe("BTM-7K3Q9MZD");
    expect(parseSearchQuery("7k3q9mzd", "BTM")?.words).toBe("7k3q9mzd");
  });

  it("reads a phone number in any Indonesian format as contact data, never as words", () => {
    for (const q of ["081234567890", "+62 812-3456-7890", "62812.3456.7890", "812 3456 7890", "(0812) 3456 7890"]) {
      expect(parseSearchQuery(q, "BTM")).toMatchObject({ contact: { kind: "phone", value: "+6281234567890" }, words: null });
    }
  });

  it("reads an e-mail (lower-cased) and a 16-digit NIK", () => {
    expect(parseSearchQuery("Siti@Contoh.ID", "BTM")?.contact).toEqual({ kind: "email", value: "siti@contoh.id" });
    expect(parseSearchQuery("2171 0123 4567 8901", "BTM")?.contact).toEqual({ kind: "nik", value: "2171012345678901" });
  });

  it("keeps a single token as a possible LAPOR number, words as words", () => {
    expect(parseSearchQuery("LAPOR-123", "BTM")).toMatchObject({ laporId: "LAPOR-123", code: null, contact: null, words: "LAPOR-123" });
    expect(parseSearchQuery("  jalan   berlubang ", "BTM")).toEqual({ code: null, laporId: null, contact: null, words: "jalan berlubang" });
    expect(parseSearchQuery("   ", "BTM")).toBeNull();
  });

  it("does not take short digit runs for a phone", () => {
    expect(phoneFrom("1234")).toBeNull();
    expect(parseSearchQuery("1234", "BTM")).toMatchObject({ contact: null, words: null, laporId: "1234" });
  });
});
