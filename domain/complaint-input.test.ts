import { describe, expect, it } from "vitest";
import { cleanText, COMPLAINT_FIELDS, parseComplaintInput } from "./complaint-input";

const TODAY = "2026-03-02";
const base = {
  title: "Jalan berlubang di Baloi",
  body: "Lubang besar di jalan depan sekolah membahayakan pengendara.",
};

function errorsFor(raw: Record<string, unknown>) {
  const result = parseComplaintInput({ ...base, ...raw }, TODAY);
  return result.ok ? {} : result.fieldErrors;
}

function valueOf(raw: Record<string, unknown>) {
  const result = parseComplaintInput({ ...base, ...raw }, TODAY);
  if (!result.ok) throw new Error(`expected valid input, got ${JSON.stringify(result.fieldErrors)}`);
  return result.value;
}

describe("parseComplaintInput rejects bad input with catalogue keys", () => {
  it.each([
    ["a missing title", { title: undefined }, "title", "required"],
    ["an empty title", { title: "" }, "title", "required"],
    ["a title of only whitespace", { title: "   \n\t " }, "title", "required"],
    ["a title of only control characters", { title: "\u0000\u0007" }, "title", "required"],
    ["a title that is not text", { title: 12345 }, "title", "invalid"],
    ["a 4-character title", { title: "abcd" }, "title", "tooShort|5"],
    ["a title padded to 5 with spaces", { title: "  abc  " }, "title", "tooShort|5"],
    ["a 151-character title", { title: "x".repeat(151) }, "title", "tooLong|150"],
    ["a missing body", { body: undefined }, "body", "required"],
    ["a 19-character body", { body: "y".repeat(19) }, "body", "tooShort|20"],
    ["a 5001-character body", { body: "y".repeat(5001) }, "body", "tooLong|5000"],
    ["a 301-character address", { address: "z".repeat(301) }, "address", "tooLong|300"],
    ["a 121-character name", { reporterName: "n".repeat(121) }, "reporterName", "tooLong|120"],
    ["a phone that is too short (0812)", { reporterPhone: "0812" }, "reporterPhone", "phone"],
    ["a phone with letters", { reporterPhone: "0812abcd5678" }, "reporterPhone", "phone"],
    ["a foreign phone number", { reporterPhone: "+1 415 555 0100" }, "reporterPhone", "phone"],
    ["a phone longer than 25 characters", { reporterPhone: "0812 3456 7890 1234 5678 90" }, "reporterPhone", "phone"],
    ["a malformed email", { reporterEmail: "siti@" }, "reporterEmail", "email"],
    ["a 15-digit NIK", { nik: "317101234567890" }, "nik", "nik"],
    ["a 17-digit NIK", { nik: "31710123456789012" }, "nik", "nik"],
    ["a NIK with letters", { nik: "3171O12345678901" }, "nik", "nik"],
    ["an incident date in the future", { incidentDate: "2026-03-03" }, "incidentDate", "future"],
    ["year 0000", { incidentDate: "0000-01-01" }, "incidentDate", "tooOld"],
    ["a date before 1900", { incidentDate: "1899-12-31" }, "incidentDate", "tooOld"],
    ["an impossible date (30 February)", { incidentDate: "2026-02-30" }, "incidentDate", "dateFormat"],
    ["a date in day-month-year order", { incidentDate: "01-03-2026" }, "incidentDate", "dateFormat"],
    ["month 13", { incidentDate: "2025-13-01" }, "incidentDate", "dateFormat"],
    ["a latitude without a longitude", { lat: "1.13" }, "lon", "coordinatesPair"],
    ["a longitude without a latitude", { lon: "104.05" }, "lat", "coordinatesPair"],
    ["a latitude beyond 90", { lat: "91", lon: "104" }, "lat", "invalid"],
    ["a longitude beyond 180", { lat: "1", lon: "-181" }, "lon", "invalid"],
    ["a latitude that is not a number", { lat: "utara", lon: "104" }, "lat", "invalid"],
    ["a point outside Indonesia (0,0)", { lat: "0", lon: "0" }, "lat", "outsideIndonesia"],
    ["a swapped pair", { lat: "104.05", lon: "1.13" }, "lat", "invalid"],
    ["a point abroad", { lat: "48.85", lon: "2.35" }, "lat", "outsideIndonesia"],
    ["a flag that is not a yes/no value", { anonymous: "maybe" }, "anonymous", "invalid"],
  ])("rejects %s", (_name, raw, field, message) => {
    expect(errorsFor(raw)).toEqual({ [field]: [message] });
  });

  it("reports the coordinates pair even when a required field is missing", () => {
    expect(errorsFor({ title: undefined, lat: "1.13" })).toEqual({ title: ["required"], lon: ["coordinatesPair"] });
  });

  it("returns every field's error at once, not only the first", () => {
    const errors = errorsFor({ title: "abc", body: "", reporterPhone: "0812", nik: "123", lat: "1" });
    expect(errors).toEqual({
      title: ["tooShort|5"],
      body: ["required"],
      reporterPhone: ["phone"],
      nik: ["nik"],
      lon: ["coordinatesPair"],
    });
  });

  it("rejects input that is not an object at all", () => {
    const result = parseComplaintInput("title=x", TODAY);
    expect(result.ok).toBe(false);
  });
});

describe("parseComplaintInput accepts and normalises good input", () => {
  it("accepts exactly 5- and 150-character titles and 20- and 5000-character bodies", () => {
    expect(valueOf({ title: "abcde", body: "b".repeat(20) }).title).toBe("abcde");
    expect(valueOf({ title: "t".repeat(150), body: "b".repeat(5000) }).body).toHaveLength(5000);
  });

  it("keeps HTML and <script> as plain text, unchanged", () => {
    const title = "<script>alert('x')</script> & <b>jalan</b>";
    const body = `<img src=x onerror="alert(1)"> lubang besar di jalan raya "Engku Putri"`;
    const value = valueOf({ title, body });
    expect(value.title).toBe(title);
    expect(value.body).toBe(body);
  });

  it("trims, normalises line endings and strips control characters but keeps tabs and newlines", () => {
    const value = valueOf({ title: "  Lampu\u0007 jalan mati ", body: "Baris satu\r\nbaris dua\rbaris\ttiga panjang" });
    expect(value.title).toBe("Lampu jalan mati");
    expect(value.body).toBe("Baris satu\nbaris dua\nbaris\ttiga panjang");
    expect(cleanText("a\u007fb\u001bc")).toBe("abc");
  });

  it.each([
    ["08123456789", "+628123456789"],
    ["0812-3456-7890", "+6281234567890"],
    ["6281234567890", "+6281234567890"],
    ["+62 812 3456 7890", "+6281234567890"],
    ["+628123456789", "+628123456789"],
  ])("normalises the phone %s to %s", (input, expected) => {
    expect(valueOf({ reporterPhone: input }).reporterPhone).toBe(expected);
  });

  it.each([
    ["on", true],
    ["true", true],
    ["TRUE", true],
    ["1", true],
    [true, true],
    ["off", false],
    ["false", false],
    [false, false],
    ["", false],
    [undefined, false],
  ])("reads the flag %j as %s", (input, expected) => {
    const value = valueOf({ anonymous: input, confidential: input });
    expect(value.anonymous).toBe(expected);
    expect(value.confidential).toBe(expected);
  });

  it("treats empty optional fields as absent", () => {
    const value = valueOf({ categoryCode: "", kecamatan: " ", reporterPhone: "", reporterEmail: "  ", nik: "", lat: "", lon: "", incidentDate: "" });
    for (const field of ["categoryCode", "kecamatan", "reporterPhone", "reporterEmail", "nik", "lat", "lon", "incidentDate"] as const) {
      expect(value[field]).toBeUndefined();
    }
  });

  it("accepts today as the incident date and a real leap day", () => {
    expect(valueOf({ incidentDate: TODAY }).incidentDate).toBe(TODAY);
    expect(valueOf({ incidentDate: "2024-02-29" }).incidentDate).toBe("2024-02-29");
  });

  it("accepts a 16-digit NIK written with spaces", () => {
    expect(valueOf({ nik: "3171 0123 4567 8901" }).nik).toBe("3171012345678901");
  });

  it("reads coordinates written with a decimal comma, as numbers", () => {
    const value = valueOf({ lat: "1,1301", lon: "104.0529" });
    expect(value.lat).toBeCloseTo(1.1301);
    expect(value.lon).toBeCloseTo(104.0529);
  });

  it("trims the email and keeps it", () => {
    expect(valueOf({ reporterEmail: " siti@example.id " }).reporterEmail).toBe("siti@example.id");
  });

  it("drops fields outside the form, so a client cannot set status or routing", () => {
    const value = valueOf({ status: "closed", opdId: 3, trackingCode: "BTM-00000000" });
    expect(value).not.toHaveProperty("status");
    expect(value).not.toHaveProperty("opdId");
    expect(value).not.toHaveProperty("trackingCode");
    for (const key of Object.keys(value)) expect(COMPLAINT_FIELDS).toContain(key);
  });
});
