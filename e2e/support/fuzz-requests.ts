import { validComplaint } from "./data";

/**
 * The bad requests of e2e/edge-fuzz.spec.ts: methods, hosts, paths, queries, headers and bodies
 * combined by a seeded generator, as raw HTTP/1.x bytes (nothing in between tidies them up).
 */
/** A small seeded generator (mulberry32), so every run sends the same requests. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const METHODS = ["GET", "GET", "GET", "GET", "GET", "POST", "POST", "POST", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "MKCOL", "LOCK", "SEARCH", "PURGE", "FOO"];
const PATHS = [
  "/", "/lapor", "/lacak", "/lacak/BTM-00000000", "/aduan", "/statistik", "/statistik/data.csv", "/statistik/data.json", "/masuk",
  "/petugas/antrean", "/petugas/aduan/BTM-00000000", "/petugas/integrasi/manual/ekspor", "/api/health", "/api/health/ready",
  "/api/v1/complaints", "/api/v1/complaints/BTM-00000000", "/api/v1/categories", "/api/v1/areas", "/api/sms/inbound", "/api/auth/session",
];
const PATH_SUFFIXES = ["", "", "/%", "/%ZZ", "/%E0%A4%A", "%00", "/%FF%FE", "/../../etc/passwd", "/..%2f..%2fetc", `/${"a".repeat(3000)}`, "/ünïcödé", "//", "/%2e%2e/"];
const QUERIES = ["", "", "?q=%00", "?q=a%00b", "?q=%", "?q=<script>alert(1)</script>", "?sebelum=garbage", "?sebelum=%FF", "?key=", "?key=%00",
  "?status=%27%3B--", "?format=xml", "?text=%00%01%02&from=%2B6281", "?code=%E0%A4%A", `?q=${"x".repeat(5000)}`, "?a=1&a=2&a[]=3"];
const HOSTS = [null, null, null, null, null, null, null, null, "a b", "x:99999", "[::1", "", "x:0", "evil.test", "127.0.0.1:1", "[::1]:99999", "%00"];
const BODIES: { type: string; body: string | Buffer }[] = [
  { type: "application/json", body: "{" },
  { type: "application/json", body: "[]" },
  { type: "application/json", body: "null" },
  { type: "application/json", body: JSON.stringify({ ...validComplaint(), incidentDate: "0000-01-01" }) },
  { type: "application/json", body: JSON.stringify({ ...validComplaint(), title: "judul\u0000dengan NUL", body: "isi\u0000".repeat(10) }) },
  { type: "application/json", body: JSON.stringify({ ...validComplaint(), lat: 1e308, lon: "NaN", categoryCode: { $ne: 1 } }) },
  { type: "application/json", body: `${"[".repeat(5000)}${"]".repeat(5000)}` },
  { type: "application/json", body: Buffer.from([0xff, 0xfe, 0x00, 0x7b]) },
  { type: "multipart/form-data; boundary=zz", body: "--zz\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx" },
  { type: "multipart/form-data", body: "no boundary" },
  { type: "multipart/form-data; boundary=zz", body: "--zz\r\nContent-Disposition: form-data; name=\"$ACTION_ID_00\"\r\n\r\n\r\n--zz--\r\n" },
  { type: "multipart/form-data; boundary=zz", body: "--zz\r\nContent-Disposition: form-data; name=\"$ACTION_REF_1\"\r\n\r\n\r\n--zz\r\nContent-Disposition: form-data; name=\"$ACTION_1:0\"\r\n\r\n{bad\r\n--zz--\r\n" },
  { type: "application/x-www-form-urlencoded", body: "title=%&body=%ZZ&incidentDate=0000-01-01" },
  { type: "text/plain;charset=UTF-8", body: '["$@1",{"a":1}]' },
  { type: "application/xml", body: "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>" },
  { type: "", body: "" },
];
const EXTRA_HEADERS: string[][] = [
  [], [], [],
  ["Origin: http://evil.test"], ["Origin: null"], ["Origin: not a url"],
  ["Next-Action: 00"], ["Next-Action: 4074a089cb6de2c86634ae3ef18e8fd9d57b4cc623"], ["Next-Action: ../../x"],
  ["Cookie: authjs.session-token=garbage; pintu_locale=../../etc"], ["Cookie: pintu_locale=%00"],
  ["Accept-Language: ;;;q=x,*;q=-1"], ["X-Forwarded-For: 1.1.1.1, <script>, ::ffff:999.1.1.1"], ["X-Forwarded-Proto: javascript"],
  ["Range: bytes=999999-0"], ["If-None-Match: \"\\\"\""], ["Content-Security-Policy: script-src 'nonce-abc'"],
  ["Idempotency-Key: " + "k".repeat(400)], ["RSC: 1", "Next-Router-State-Tree: %7B%22bad"], ["Next-Router-State-Tree: [[[["],
  ["X-Api-Key: wrong"], ["Authorization: Bearer x"], ["Accept: text/event-stream"],
];

export type Sent = { description: string; raw: Buffer };

export function generate(n: number, port: number): Sent[] {
  const r = random(20261202);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const out: Sent[] = [];
  for (let i = 0; i < n; i++) {
    const method = pick(METHODS);
    const target = `${pick(PATHS)}${pick(PATH_SUFFIXES)}${pick(QUERIES)}`;
    const host = pick(HOSTS);
    const http10 = r() < 0.08;
    const lines = [`${method} ${target} HTTP/1.${http10 ? 0 : 1}`];
    if (host !== null) lines.push(`Host: ${host}`);
    else if (!http10) lines.push(`Host: 127.0.0.1:${port}`);
    lines.push(...pick(EXTRA_HEADERS), "Connection: close");
    let body = Buffer.alloc(0);
    if (method !== "GET" && method !== "HEAD" && r() < 0.8) {
      const b = pick(BODIES);
      body = Buffer.from(b.body);
      if (b.type) lines.push(`Content-Type: ${b.type}`);
      // Most say their length; some send chunks of unknown length.
      if (r() < 0.85) lines.push(`Content-Length: ${body.length}`);
      else {
        lines.push("Transfer-Encoding: chunked");
        body = Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from("\r\n0\r\n\r\n")]);
      }
    }
    const raw = Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1"), body]);
    out.push({ description: `#${i} ${lines.slice(0, 3).join(" | ").slice(0, 300)}`, raw });
  }
  return out;
}

