import { request as httpRequest } from "node:http";
import { expect, test, type APIResponse } from "@playwright/test";
import { exeBytes, fileComplaint, ISO_WIB, jakartaDate, png, TRACKING_CODE, unique, validComplaint, type ComplaintBody } from "./support/data";
import { MAIN_PORT } from "./support/servers";

const COMPLAINTS = "/api/v1/complaints";

/** An error answer: the contract's status, JSON, and nothing internal (no stack, no SQL). */
async function expectError(res: APIResponse, status: number, error: string): Promise<Record<string, unknown>> {
  expect(res.status(), await res.text()).toBe(status);
  expect(res.headers()["content-type"]).toContain("application/json");
  const text = await res.text();
  expect(text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|SELECT |INSERT |stack/i);
  const json = (await res.json()) as Record<string, unknown>;
  expect(json.error).toBe(error);
  return json;
}

async function expectFieldError(res: APIResponse, field: string, message?: RegExp): Promise<void> {
  const json = await expectError(res, 422, "validation");
  const fieldErrors = json.fieldErrors as Record<string, string[]>;
  expect(Object.keys(fieldErrors), JSON.stringify(fieldErrors)).toContain(field);
  expect(Array.isArray(fieldErrors[field])).toBe(true);
  for (const m of fieldErrors[field]!) expect(typeof m).toBe("string");
  if (message) expect(fieldErrors[field]!.join(" ")).toMatch(message);
}

/**
 * Streams `bytes` with chunked transfer encoding (no Content-Length), the way a client that
 * does not announce its size sends: the server must stop reading at its limit.
 */
function postChunked(path: string, contentType: string, bytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: MAIN_PORT, path, method: "POST", headers: { "content-type": contentType, "transfer-encoding": "chunked" } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    const piece = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      req.end();
    };
    // Once the server has answered, stop sending.
    req.on("response", () => (sent = bytes));
    pump();
  });
}

test.describe("JSON API", { tag: "@api" }, () => {
  test("a valid complaint is created: 201 with code, status and access key", async ({ request }) => {
    const res = await request.post(COMPLAINTS, { data: validComplaint() });
    expect(res.status()).toBe(201);
    const json = await res.json();
    expect(Object.keys(json).sort()).toEqual(["accessKey", "status", "trackingCode"]);
    expect(json.trackingCode).toMatch(TRACKING_CODE);
    expect(json.status).toBe("received");
    expect(typeof json.accessKey).toBe("string");
    expect(json.accessKey.length).toBeGreaterThanOrEqual(16);
    expect(res.headers()["location"]).toBe(`/api/v1/complaints/${json.trackingCode}`);
  });

  test("a multipart complaint with a real PNG is accepted", async ({ request }) => {
    const { title, body } = validComplaint();
    const res = await request.post(COMPLAINTS, {
      multipart: { title: String(title), body: String(body), attachments: { name: "foto.png", mimeType: "image/png", buffer: png() } },
    });
    expect(res.status(), await res.text()).toBe(201);
    const { trackingCode } = await res.json();
    const view = await (await request.get(`${COMPLAINTS}/${trackingCode}`)).json();
    expect(view.title).toBe(title);
  });

  test("malformed bodies are refused with 400, 413 and 415, never 500", async ({ request }) => {
    await expectError(await request.post(COMPLAINTS, { data: '{"title": "Jalan rusak", ', headers: { "content-type": "application/json" } }), 400, "bad_request");
    await expectError(await request.post(COMPLAINTS, { data: "", headers: { "content-type": "application/json" } }), 400, "bad_request");
    await expectError(await request.post(COMPLAINTS, { data: JSON.stringify([validComplaint()]), headers: { "content-type": "application/json" } }), 400, "bad_request");
    await expectError(await request.post(COMPLAINTS, { data: "null", headers: { "content-type": "application/json" } }), 400, "bad_request");
    await expectError(await request.post(COMPLAINTS, { data: Buffer.from([0xff, 0xfe, 0x7b, 0x7d]), headers: { "content-type": "application/json" } }), 400, "bad_request");
    await expectError(await request.post(COMPLAINTS, { data: "title=Jalan rusak", headers: { "content-type": "text/plain" } }), 415, "unsupported_media_type");
    await expectError(await request.post(COMPLAINTS, { data: "title=x", headers: { "content-type": "application/x-www-form-urlencoded" } }), 415, "unsupported_media_type");
    await expectError(await request.post(COMPLAINTS, { data: "--x\r\nbroken", headers: { "content-type": "multipart/form-data; boundary=zzz" } }), 400, "bad_request");
  });

  test("a 50 MB body is refused with 413 and the server keeps serving", async ({ request }) => {
    const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
    // Announced size (Content-Length): refused before reading.
    await expectError(await request.post(COMPLAINTS, { data: big, headers: { "content-type": "application/json" } }), 413, "too_large");
    // Unannounced size (chunked): refused once the limit is crossed.
    const streamed = await postChunked(COMPLAINTS, "application/json", 50 * 1024 * 1024);
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).error).toBe("too_large");
    const streamedMultipart = await postChunked(COMPLAINTS, "multipart/form-data; boundary=zzz", 50 * 1024 * 1024);
    expect(streamedMultipart.status).toBe(413);

    const health = await request.get("/api/health");
    expect(health.status()).toBe(200);
    expect((await health.json()).db).toBe("ok");
    expect((await request.post(COMPLAINTS, { data: validComplaint() })).status()).toBe(201);
  });

  test("every invalid field gives 422 with the field's messages", async ({ request }) => {
    const post = (overrides: ComplaintBody) => request.post(COMPLAINTS, { data: validComplaint(overrides) });
    await expectFieldError(await post({ title: "" }), "title", /Wajib diisi/);
    await expectFieldError(await post({ title: "    " }), "title", /Wajib diisi/);
    await expectFieldError(await post({ title: "Abc" }), "title", /minimal 5/);
    await expectFieldError(await post({ title: "x".repeat(151) }), "title", /maksimal 150/);
    await expectFieldError(await post({ title: 12345 }), "title");
    await expectFieldError(await post({ body: "Terlalu pendek" }), "body", /minimal 20/);
    await expectFieldError(await post({ body: "y".repeat(5001) }), "body", /maksimal 5000/);
    await expectFieldError(await post({ reporterPhone: "0812" }), "reporterPhone");
    await expectFieldError(await post({ reporterPhone: "+1 202 555 0100" }), "reporterPhone");
    await expectFieldError(await post({ reporterEmail: "bukan-email" }), "reporterEmail");
    await expectFieldError(await post({ nik: "123" }), "nik", /16/);
    await expectFieldError(await post({ nik: "12345678901234ab" }), "nik");
    await expectFieldError(await post({ incidentDate: jakartaDate(2) }), "incidentDate", /masa depan/);
    await expectFieldError(await post({ incidentDate: "2025-02-30" }), "incidentDate");
    await expectFieldError(await post({ incidentDate: "kemarin" }), "incidentDate");
    await expectFieldError(await post({ categoryCode: "TIDAK-ADA" }), "categoryCode");
    await expectFieldError(await post({ kecamatan: undefined, kelurahan: "Atlantis" }), "kelurahan");
    await expectFieldError(await post({ kecamatan: "Batam Kota", kelurahan: "Kabil" }), "kelurahan", /tidak berada di kecamatan/);
    await expectFieldError(await post({ kecamatan: "Gotham", kelurahan: undefined }), "kecamatan");
    await expectFieldError(await post({ anonymous: "mungkin" }), "anonymous");
    await expectFieldError(await post({ lat: 1.1 }), "lon");

    // Every error at once, not only the first; in English when asked.
    const res = await request.post(COMPLAINTS, {
      data: { title: "", body: "pendek", reporterPhone: "0812", nik: "1", incidentDate: jakartaDate(2) },
      headers: { "accept-language": "en-US,en;q=0.9" },
    });
    const json = await expectError(res, 422, "validation");
    const fieldErrors = json.fieldErrors as Record<string, string[]>;
    expect(Object.keys(fieldErrors).sort()).toEqual(["body", "incidentDate", "nik", "reporterPhone", "title"]);
    expect(fieldErrors.title).toEqual(["Required."]);
  });

  test("attachments are checked by content and count", async ({ request }) => {
    const { title, body } = validComplaint();
    const disguised = await request.post(COMPLAINTS, {
      multipart: { title: String(title), body: String(body), attachments: { name: "photo.jpg", mimeType: "image/jpeg", buffer: exeBytes() } },
    });
    await expectFieldError(disguised, "attachments", /photo\.jpg/);

    const six = new FormData();
    six.append("title", String(title));
    six.append("body", String(body));
    for (let i = 1; i <= 6; i++) six.append("attachments", new Blob([new Uint8Array(png())], { type: "image/png" }), `foto-${i}.png`);
    await expectFieldError(await request.post(COMPLAINTS, { multipart: six }), "attachments", /5/);
  });

  test("an Idempotency-Key replays the first receipt and refuses other content", async ({ request }) => {
    const key = `e2e-${unique()}`;
    const body = validComplaint();
    const first = await request.post(COMPLAINTS, { data: body, headers: { "Idempotency-Key": key } });
    expect(first.status()).toBe(201);
    const again = await request.post(COMPLAINTS, { data: body, headers: { "Idempotency-Key": key } });
    expect([200, 201]).toContain(again.status());
    const a = await first.json();
    const b = await again.json();
    expect(b.trackingCode).toBe(a.trackingCode);
    expect(b.accessKey).toBe(a.accessKey);

    const other = await request.post(COMPLAINTS, { data: { ...body, title: "Judul yang lain sama sekali" }, headers: { "Idempotency-Key": key } });
    await expectError(other, 409, "idempotency_conflict");
  });

  test("the public view: 404 for unknown codes, identity never shown, times in WIB", async ({ request }) => {
    await expectError(await request.get(`${COMPLAINTS}/BTM-00000000`), 404, "not_found");
    await expectError(await request.get(`${COMPLAINTS}/bukan-kode`), 404, "not_found");

    const identity = { reporterName: `Budi Santoso ${unique()}`, reporterPhone: "0812-9876-5432", reporterEmail: `budi.${unique()}@contoh.id`, nik: "2171010101900001" };
    const filed = await fileComplaint(request, { ...identity, anonymous: true });
    for (const url of [`${COMPLAINTS}/${filed.trackingCode}`, `${COMPLAINTS}/${filed.trackingCode}?key=${encodeURIComponent(filed.accessKey)}`, `${COMPLAINTS}/${filed.trackingCode.toLowerCase()}`]) {
      const res = await request.get(url);
      expect(res.status()).toBe(200);
      const text = await res.text();
      for (const secret of [identity.reporterName, "9876", identity.reporterEmail, identity.nik, filed.accessKey]) expect(text).not.toContain(secret);
      const json = JSON.parse(text);
      expect(json).toMatchObject({
        trackingCode: filed.trackingCode,
        status: "received",
        channel: "web",
        title: filed.body.title,
        body: filed.body.body,
        category: { code: "TIDAK-TAHU", name: "Saya tidak tahu" },
        opd: null,
        area: { kecamatan: "Batam Kota", kelurahan: "Sukajadi" },
      });
      expect(json.createdAt).toMatch(ISO_WIB);
      expect(json.deadlines.verification).toMatch(ISO_WIB);
      expect(json.deadlines.firstResponse).toBeNull();
      expect(json.deadlines.resolution).toBeNull();
      expect(json.timeline.length).toBeGreaterThanOrEqual(1);
      for (const e of json.timeline) {
        expect(e.at).toMatch(ISO_WIB);
        expect(e.status).toBe("received");
        expect(typeof e.message).toBe("string");
      }
    }
  });

  test("a confidential complaint shows only code and status without its key", async ({ request }) => {
    const filed = await fileComplaint(request, { confidential: true });
    for (const url of [`${COMPLAINTS}/${filed.trackingCode}`, `${COMPLAINTS}/${filed.trackingCode}?key=salah`]) {
      const res = await request.get(url);
      expect(res.status()).toBe(200);
      expect(await res.json()).toEqual({ trackingCode: filed.trackingCode, status: "received" });
    }
    const full = await (await request.get(`${COMPLAINTS}/${filed.trackingCode}?key=${encodeURIComponent(filed.accessKey)}`)).json();
    expect(full.title).toBe(filed.body.title);
    expect(full.body).toBe(filed.body.body);
    expect(full.createdAt).toMatch(ISO_WIB);
  });

  test("health, categories and areas", async ({ request }) => {
    const health = await request.get("/api/health");
    expect(health.status()).toBe(200);
    const h = await health.json();
    // `degraded` names its causes (the demo's SMS notifications wait for a gateway, for one).
    expect(h.db).toBe("ok");
    expect(h.status).toBe(h.reasons.length === 0 ? "ok" : "degraded");
    expect(["ok", "degraded", "disabled"]).toContain(h.lapor);
    expect(h).toHaveProperty("db");
    expect(h.queue).toEqual({ pending: expect.any(Number), dead: expect.any(Number) });

    const categories = await (await request.get("/api/v1/categories")).json();
    expect(categories.data).toContainEqual({ code: "TIDAK-TAHU", name: "Saya tidak tahu" });
    for (const c of categories.data) expect(Object.keys(c).sort()).toEqual(["code", "name"]);

    const areas = await (await request.get("/api/v1/areas")).json();
    expect(areas.data.length).toBe(12);
    expect(areas.data).toContainEqual({ kecamatan: "Batam Kota", kelurahan: expect.arrayContaining(["Sukajadi", "Belian"]) });
    expect(areas.data).toContainEqual({ kecamatan: "Nongsa", kelurahan: expect.arrayContaining(["Kabil"]) });
  });
});
