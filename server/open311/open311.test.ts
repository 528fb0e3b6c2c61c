import { eq } from "drizzle-orm";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, complaintEvents, complaints, users } from "@/db/schema";
import { testActor } from "@/test/fixtures";
import { open311Clients, open311Requests } from "@/db/schema-open311";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { performAction, type ActingParty } from "@/server/workflow/perform";
import { open311Http } from "./http";
import { clientForKey, createOpen311Key, revokeOpen311Key } from "./keys";

const BASE = "http://pintu.test/open311/v2/";

describe.each(testDatabases())("Open311 GeoReport v2 on $name", (backend) => {
  let t: TestDatabase;
  let key: string;
  let other: string;
  let adminId: number;
  let coord: ActingParty;
  beforeAll(async () => {
    t = await backend.open();
    const [admin] = await t.db.insert(users).values({ email: "admin-o311", name: "Admin", role: "admin", passwordHash: "x" }).returning({ id: users.id });
    const [c] = await t.db.insert(users).values({ email: "coord-o311", name: "Koordinator", role: "coordinator", passwordHash: "x" }).returning({ id: users.id });
    adminId = admin!.id;
    coord = { kind: "staff", userId: c!.id, role: "coordinator", opdId: null };
    key = (await createOpen311Key(t.db, { name: "FixMyStreet Batam", rateLimit: "1000" }, testActor(adminId, "admin"))).key;
    other = (await createOpen311Key(t.db, { name: "Aplikasi lain" }, testActor(adminId, "admin"))).key;
  });
  afterAll(() => t?.dispose());

  const call = (path: string, init?: { method?: string; form?: Record<string, string> | FormData }) => {
    const body = init?.form instanceof FormData ? init.form : init?.form ? new URLSearchParams(init.form) : undefined;
    return open311Http(new Request(BASE + path, { method: init?.method ?? (body ? "POST" : "GET"), body, headers: { host: "pintu.test" } }), t.db, path.split("?")[0]!);
  };
  const create = async (fields: Record<string, string>, k = key) => {
    const res = await call("requests.json", { form: { api_key: k, service_code: "JALAN", description: "Lubang besar di Jalan Ahmad Yani dekat simpang, sudah dua minggu tidak diperbaiki.", ...fields } });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { service_request_id: string }[])[0]!.service_request_id;
  };

  it("stores keys only hashed, audits their creation and refuses a revoked key", async () => {
    const rows = await t.db.select().from(open311Clients);
    expect(JSON.stringify(rows)).not.toContain(key);
    const made = await createOpen311Key(t.db, { name: "Sementara" }, testActor(adminId, "admin"));
    expect(await clientForKey(t.db, made.key)).toMatchObject({ name: "Sementara", rateLimit: 600 });
    await revokeOpen311Key(t.db, made.id, testActor(adminId, "admin"), new Date());
    expect(await clientForKey(t.db, made.key)).toBeNull();
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.userId, adminId));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["open311.key_create", "open311.key_revoke"]));
  });

  it("files a complaint through intake with channel open311, the client recorded and media_url kept as a link", async () => {
    const code = await create({ first_name: "Rina", last_name: "Wati", email: "rina@example.id", media_url: "https://fms.example/photo/1.jpeg", account_id: "u-7" });
    const [c] = await t.db.select().from(complaints).where(eq(complaints.trackingCode, code));
    expect(c).toMatchObject({ channel: "open311", reporterName: "Rina Wati", reporterEmail: "rina@example.id", status: "received" });
    expect(c!.title).toBe("Lubang besar di Jalan Ahmad Yani dekat simpang, sudah dua minggu tidak…");
    const [r] = await t.db.select().from(open311Requests).where(eq(open311Requests.complaintId, c!.id));
    expect(r).toMatchObject({ clientName: "FixMyStreet Batam", mediaUrl: "https://fms.example/photo/1.jpeg", accountId: "u-7" });
    const [e] = await t.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, c!.id));
    expect(e!.data).toMatchObject({ open311Client: "FixMyStreet Batam" });
  });

  it("refuses a create without a key (403) and with bad fields (400), in the spec's error shape", async () => {
    const noKey = await call("requests.xml", { form: { service_code: "JALAN", description: "x".repeat(30) } });
    expect(noKey.status).toBe(403);
    const xml = await noKey.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(new XMLParser().parse(xml).errors.error).toMatchObject({ code: 403 });
    const bad = await call("requests.json", { form: { api_key: key, service_code: "JALAN", description: "pendek" } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { description: string }[])[0]!.description).toMatch(/^description: /);
    const unknown = await call("services/NOPE.json");
    expect(unknown.status).toBe(404);
  });

  it("reads back only what the public page shows: no identity, contact data redacted, confidential as status only", async () => {
    const code = await create({ first_name: "Budi", email: "budi@example.id", phone: "081298765432", description: "Saluran tersumbat, hubungi saya di 081298765432 atau budi@example.id untuk detail." });
    const res = await call(`requests/${code}.json`);
    const text = await res.text();
    expect(text).not.toMatch(/Budi|081298765432|budi@example/);
    expect(JSON.parse(text)[0]).toMatchObject({ service_request_id: code, status: "open", service_code: "JALAN" });
    expect(JSON.parse(text)[0].requested_datetime).toMatch(/\+07:00$/);

    const secret = await create({ "attribute[confidential]": "true" });
    const one = (await (await call(`requests/${secret}.json`)).json()) as Record<string, unknown>[];
    expect(one).toEqual([{ service_request_id: secret, status: "open" }]);
    const list = await (await call(`requests.json?service_request_id=${secret},${code}`)).json();
    expect((list as { service_request_id: string }[]).map((r) => r.service_request_id)).toEqual([code]);
  });

  it("takes an update only from the filing client, once per update_id, as the reporter's reply when awaited", async () => {
    const code = await create({});
    await performAction(t.db, { trackingCode: code, action: "request_info", party: coord, input: { message: "Mohon kirim foto lokasi lubangnya." }, now: new Date() });
    const form = { service_request_id: code, update_id: "fms-1", description: "Fotonya sudah saya unggah di aplikasi.", status: "OPEN", updated_datetime: "2026-12-02T10:00:00+07:00" };
    const stranger = await call("servicerequestupdates.json", { form: { ...form, api_key: other } });
    expect(stranger.status).toBe(403);
    const first = await call("servicerequestupdates.json", { form: { ...form, api_key: key } });
    expect(first.status).toBe(201);
    const again = await call("servicerequestupdates.json", { form: { ...form, api_key: key } });
    expect(await again.json()).toEqual(await first.json());
    const [c] = await t.db.select().from(complaints).where(eq(complaints.trackingCode, code));
    expect(c!.status).toBe("received");
    const replies = (await t.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, c!.id))).filter((e) => e.action === "reporter_reply");
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ channel: "open311" });

    const from = new Date(Date.now() - 60_000).toISOString();
    const updates = (await (await call(`servicerequestupdates.json?start_date=${from}`)).json()) as { service_request_id: string; status: string }[];
    const mine = updates.filter((u) => u.service_request_id === code);
    // The agency's request for information is public; the client's own reply is not echoed back.
    expect(mine.map((u) => u.status)).toEqual(["investigating"]);
  });
});
