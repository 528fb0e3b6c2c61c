import { inIndonesia } from "./geo";
import { normalizePhone } from "./phone";

/**
 * The complaint form's field rules without zod, for the browser: the /lapor island
 * (islands/lapor-form.ts) checks each field as the citizen leaves it with these, and ships a few
 * kilobytes instead of the whole schema. The server still decides with `complaintInputSchema`
 * (complaint-input.ts); complaint-checks.test.ts holds the two to the same answers.
 * Errors are the same catalogue keys (`tooShort|5` …).
 */
const CHECK_LIMITS = { titleMin: 5, titleMax: 150, bodyMin: 20, bodyMax: 5000, addressMax: 300, nameMax: 120, emailMax: 254 } as const;
const EARLIEST = "1900-01-01";

// eslint-disable-next-line no-control-regex
const clean = (v: string) => v.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "").trim();

function text(v: string | undefined, min: number, max: number): string[] {
  const s = clean(v ?? "");
  if (s.length === 0) return ["required"];
  if (s.length < min) return [`tooShort|${min}`];
  return s.length > max ? [`tooLong|${max}`] : [];
}

const optional = (v: string | undefined, max: number) => (clean(v ?? "").length > max ? [`tooLong|${max}`] : []);

function realDate(d: string): boolean {
  const [y, m, day] = d.split("-").map(Number) as [number, number, number];
  const dt = new Date(0);
  dt.setUTCFullYear(y, m - 1, day); // not Date.UTC: it reads years 0–99 as 1900–1999
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === day;
}

function coordinate(v: string | undefined, limit: number): number | "invalid" | undefined {
  const s = (v ?? "").trim();
  if (s === "") return undefined;
  const n = Number(s.replace(",", "."));
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : "invalid";
}

/** Every field's errors for the values typed so far (only fields with an error appear). */
export function checkComplaintFields(raw: Record<string, string | undefined>, today: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const put = (field: string, errors: string[]) => {
    if (errors.length > 0) out[field] = errors;
  };
  put("title", text(raw.title, CHECK_LIMITS.titleMin, CHECK_LIMITS.titleMax));
  put("body", text(raw.body, CHECK_LIMITS.bodyMin, CHECK_LIMITS.bodyMax));
  put("address", optional(raw.address, CHECK_LIMITS.addressMax));
  put("reporterName", optional(raw.reporterName, CHECK_LIMITS.nameMax));

  const date = (raw.incidentDate ?? "").trim();
  if (date) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !realDate(date)) put("incidentDate", ["dateFormat"]);
    else if (date < EARLIEST) put("incidentDate", ["tooOld"]);
    else if (date > today) put("incidentDate", ["future"]);
  }
  const phone = (raw.reporterPhone ?? "").trim();
  if (phone && (phone.length > 25 || !normalizePhone(phone))) put("reporterPhone", ["phone"]);
  const email = (raw.reporterEmail ?? "").trim();
  // The shape zod's `z.email()` accepts, in short: one @, a dotted domain, no spaces.
  if (email && (email.length > CHECK_LIMITS.emailMax || !/^(?!\.)(?!.*\.\.)([\w'+\-.]*)[\w+-]@([a-z0-9][a-z0-9-]*\.)+[a-z]{2,}$/i.test(email))) put("reporterEmail", ["email"]);
  const nik = (raw.nik ?? "").replace(/\s/g, "");
  if (nik && !/^\d{16}$/.test(nik)) put("nik", ["nik"]);

  const lat = coordinate(raw.lat, 90);
  const lon = coordinate(raw.lon, 180);
  if (lat === "invalid") put("lat", ["invalid"]);
  if (lon === "invalid") put("lon", ["invalid"]);
  if ((lat === undefined) !== (lon === undefined)) put(lat === undefined ? "lat" : "lon", [...(out[lat === undefined ? "lat" : "lon"] ?? []), "coordinatesPair"]);
  else if (typeof lat === "number" && typeof lon === "number" && !inIndonesia({ lat, lon })) put("lat", ["outsideIndonesia"]);
  return out;
}
