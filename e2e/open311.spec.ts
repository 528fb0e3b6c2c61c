import { expect, test } from "@playwright/test";
import { GeoReportClient, items, type Answer, type Format } from "./support/georeport-client";
import { png, unique } from "./support/data";
import { MAIN_URL } from "./support/servers";

/**
 * Open311 GeoReport v2 against the running server, through a client written from the
 * specification (e2e/support/georeport-client.ts), in both formats. Every read is checked for
 * what the public page may never show: reporters' names and contacts.
 */
const ENDPOINT = `${MAIN_URL}/open311/v2`;
const DEMO_KEY = "pintu-demo-open311";
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;
// Identities of the demo complaints (server/demo-complaints.ts) and of the ones filed here.
const IDENTITIES = [/Warga Sungai Jodoh/, /0812345000\d\d/, /@example\.test/, /Sulastri/, /Pramono/, /sulastri@/, /0813777\d{5}/];

function expectPrivate(a: Answer): void {
  for (const re of IDENTITIES) expect(a.text, `a read shows ${re}`).not.toMatch(re);
}

function expectSpecError(a: Answer, status: number): void {
  expect(a.status, a.text).toBe(status);
  const [error] = items(a);
  expect(error).toMatchObject({ code: String(status) });
  expect(error!.description!.length).toBeGreaterThan(5);
  expect(a.text).not.toMatch(/node_modules|SELECT |stack/i);
}

for (const format of ["json", "xml"] as Format[]) {
  test.describe(`Open311 GeoReport v2 (${format}) @api`, () => {
    const anon = new GeoReportClient(ENDPOINT, format);
    const client = new GeoReportClient(ENDPOINT, format, DEMO_KEY);

    test("discovery names the GeoReport v2 endpoint and both formats", async () => {
      const a = await anon.discovery();
      expect(a.status).toBe(200);
      const d = a.body as Record<string, unknown>;
      const [endpoint] = d.endpoints as Record<string, unknown>[];
      expect(endpoint).toMatchObject({ specification: "http://wiki.open311.org/GeoReport_v2", url: ENDPOINT, type: "production" });
      expect(endpoint!.formats).toEqual(expect.arrayContaining(["application/json", "text/xml"]));
    });

    test("services list the categories, in English on request, and a definition gives its attributes", async () => {
      const a = await anon.services();
      expect(a.status).toBe(200);
      const jalan = items(a).find((s) => s.service_code === "JALAN");
      expect(jalan).toMatchObject({ service_name: "Jalan, jembatan dan drainase", type: "realtime", metadata: "true" });
      expect(jalan!.group!.length).toBeGreaterThan(2);
      expect(jalan!.keywords).toContain("jalan rusak");
      const en = items(await anon.services("en")).find((s) => s.service_code === "JALAN");
      expect(en!.service_name).toBe("Roads, bridges and drainage");

      const def = await anon.definition("JALAN");
      expect(def.status).toBe(200);
      const body = def.body as { service_code: string; attributes: Record<string, unknown>[] };
      expect(body.service_code).toBe("JALAN");
      const byCode = Object.fromEntries(body.attributes.map((x) => [x.code as string, x]));
      expect(byCode.kelurahan).toMatchObject({ datatype: "singlevaluelist", required: "false", order: "1", variable: "true" });
      expect((byCode.kelurahan!.values as unknown[]).length).toBeGreaterThan(10);
      expect(byCode.incident_date).toMatchObject({ datatype: "datetime" });
      expect(byCode.anonymous).toMatchObject({ datatype: "singlevaluelist" });
      expect(byCode.confidential).toMatchObject({ datatype: "singlevaluelist" });
      expectSpecError(await anon.definition("TIDAK-ADA"), 404);
    });

    test("a create needs a valid key, and a bad field is a 400 naming it", async () => {
      const fields = { service_code: "JALAN", description: `Lampu jalan mati di depan masjid sejak seminggu ${unique()}` };
      expectSpecError(await anon.createRequest(fields), 403);
      expectSpecError(await new GeoReportClient(ENDPOINT, format, "bukan-kunci").createRequest(fields), 403);
      const short = await client.createRequest({ ...fields, description: "pendek" });
      expectSpecError(short, 400);
      expect(items(short)[0]!.description).toContain("description");
      expectSpecError(await client.createRequest({ ...fields, service_code: "TIDAK-ADA" }), 400);
      expectSpecError(await client.createRequest({ ...fields, lat: "1.1" }), 400);
      expectSpecError(await client.request("BTM-ZZZZZZZZ"), 404);
    });

    test("a created request reads back, filters find it, and no read shows who reported it", async () => {
      const marker = `penanda-${unique()}`;
      const def = (await anon.definition("JALAN")).body as { attributes: { code: string; values: { key: string; name: string }[] }[] };
      const kel = def.attributes.find((x) => x.code === "kelurahan")!.values[0]!;
      const created = await client.createRequest(
        {
          service_code: "JALAN",
          lat: "1.1301",
          long: "104.0529",
          address_string: "Jl. Raja Haji Fisabilillah",
          description: `Jalan berlubang dalam di depan ruko ${marker}, hubungi saya 081377712345`,
          first_name: "Sulastri",
          last_name: "Pramono",
          email: "sulastri@example.org",
          phone: "081377712345",
          device_id: "device-1",
          account_id: "akun-9",
          media_url: "https://fms.example.org/photo/9.jpeg",
          "attribute[kelurahan]": kel.key,
          "attribute[incident_date]": "2026-11-30",
        },
        { name: "foto.png", type: "image/png", bytes: png() },
      );
      expect(created.status, created.text).toBe(201);
      const [receipt] = items(created);
      expect(receipt!.service_request_id).toMatch(/^BTM-[0-9A-Z]{8}$/);
      expect(receipt!.account_id).toBe("akun-9");
      expect(receipt!.service_notice).toContain(receipt!.service_request_id!);
      const id = receipt!.service_request_id!;

      const one = await anon.request(id);
      expect(one.status).toBe(200);
      expectPrivate(one);
      const [r] = items(one);
      expect(r).toMatchObject({ service_request_id: id, status: "open", service_code: "JALAN", address: "Jl. Raja Haji Fisabilillah", lat: "1.1301", long: "104.0529" });
      expect(r!.description).toContain(marker);
      expect(r!.description).toContain("[disembunyikan]");
      expect(r!.requested_datetime).toMatch(W3C);
      expect(r!.updated_datetime).toMatch(W3C);

      const byId = await anon.requests({ service_request_id: `${id},BTM-ZZZZZZZZ` });
      expectPrivate(byId);
      expect(items(byId).map((x) => x.service_request_id)).toEqual([id]);
      const byService = await anon.requests({ service_code: "JALAN" });
      expectPrivate(byService);
      expect(items(byService).map((x) => x.service_request_id)).toContain(id);
      expect(items(byService).every((x) => x.service_code === "JALAN")).toBe(true);
      const closed = await anon.requests({ status: "closed" });
      expect(items(closed).map((x) => x.service_request_id)).not.toContain(id);
      expect(items(closed).every((x) => x.status === "closed")).toBe(true);
      const past = await anon.requests({ start_date: "2020-01-01T00:00:00+07:00", end_date: "2020-12-31T00:00:00+07:00" });
      expect(items(past)).toEqual([]);
      const all = await anon.requests();
      expectPrivate(all);
      const newest = items(all).map((x) => x.requested_datetime!);
      expect([...newest].sort().reverse()).toEqual(newest);
      expectSpecError(await anon.requests({ start_date: "kemarin" }), 400);
    });

    test("a confidential request is absent from lists and shows only its status", async () => {
      const created = await client.createRequest({ service_code: "SAMPAH", description: `Pembuangan limbah ke parit oleh pabrik di belakang rumah ${unique()}`, first_name: "Sulastri", "attribute[confidential]": "true" });
      expect(created.status, created.text).toBe(201);
      const id = items(created)[0]!.service_request_id!;
      const one = await anon.request(id);
      expect(items(one)).toEqual([{ service_request_id: id, status: "open" }]);
      expect(items(await anon.requests({ service_request_id: id }))).toEqual([]);
      expect(items(await anon.requests()).map((x) => x.service_request_id)).not.toContain(id);
    });

    test("updates of a period carry extended statuses; a posted update is idempotent and only from its filer", async () => {
      const since = new Date(Date.now() - 40 * 86_400_000).toISOString();
      const updates = await client.updates(since, new Date(Date.now() + 60_000).toISOString());
      expect(updates.status).toBe(200);
      expectPrivate(updates);
      const list = items(updates);
      // The demo complaints were disposed and worked on: their public events are here.
      expect(list.length).toBeGreaterThan(0);
      for (const u of list) {
        expect(["open", "investigating", "in_progress", "action_scheduled", "fixed", "not_councils_responsibility", "duplicate", "no_further_action", "internal_referral", "closed"]).toContain(u.status);
        expect(u.updated_datetime).toMatch(W3C);
        expect(u.service_request_id).toMatch(/^BTM-/);
        expect(u.update_id!.length).toBeGreaterThan(0);
      }
      expect(list.some((u) => u.status === "investigating")).toBe(true);
      expectSpecError(await client.updates("2026-13-45"), 400);

      const created = await client.createRequest({ service_code: "JALAN", description: `Trotoar amblas di depan halte bus ${unique()}` });
      const id = items(created)[0]!.service_request_id!;
      const update = { service_request_id: id, update_id: `fms-${unique()}`, updated_datetime: new Date().toISOString(), status: "OPEN", description: "Masih belum diperbaiki sampai hari ini.", email: "sulastri@example.org", first_name: "Sulastri", last_name: "Pramono" };
      const posted = await client.postUpdate(update);
      expect(posted.status, posted.text).toBe(201);
      const first = items(posted)[0]!.update_id;
      expect(first!.length).toBeGreaterThan(0);
      const repeated = await client.postUpdate(update);
      expect(items(repeated)[0]!.update_id).toBe(first);
      expectSpecError(await anon.postUpdate(update), 403);
      // A complaint filed elsewhere (a demo complaint) takes no update from this client.
      const elsewhere = list[0]!.service_request_id!;
      expectSpecError(await client.postUpdate({ ...update, service_request_id: elsewhere, update_id: `fms-${unique()}` }), 403);
      expectSpecError(await client.postUpdate({ ...update, service_request_id: "BTM-ZZZZZZZZ", update_id: `fms-${unique()}` }), 404);
      expectSpecError(await client.postUpdate({ ...update, update_id: undefined }), 400);
    });

    test("an unknown resource or extension is a 404 in the spec's shape", async () => {
      const res = await fetch(`${ENDPOINT}/nothing.${format}`);
      expect(res.status).toBe(404);
      const plain = await fetch(`${ENDPOINT}/services.html`);
      expect(plain.status).toBe(404);
    });
  });
}
