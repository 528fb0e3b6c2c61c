import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaints, users } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { listOpdDirectory, saveOpd } from "@/server/directory/opds";
import { intakeComplaint } from "@/server/intake";
import { validComplaint } from "@/test/fixtures";
import { createPageCache } from "./page-cache";

/**
 * The tracking-page cache against a real database, with a stand-in for Next that renders the
 * complaint's current title: what it serves must always be what Next would render now.
 */
describe.each(testDatabases())("the public page cache on $name", (backend) => {
  let t: TestDatabase;
  let server: Server;
  let base = "";
  let renders = 0;
  let cache: ReturnType<typeof createPageCache>;

  beforeAll(async () => {
    t = await backend.open();
    cache = createPageCache(t.db, { ttlMs: 60_000, maxBytes: 3_000 });
    server = createServer((req, res) => {
      const render = () => {
        renders++;
        const code = req.url!.split("/").pop()!;
        void t.db
          .select({ title: complaints.title })
          .from(complaints)
          .where(eq(complaints.trackingCode, code))
          .then(([row]) => {
            res.writeHead(row ? 200 : 307, { "content-type": "text/html; charset=utf-8" });
            res.write(`<h1>${row?.title ?? "?"}</h1>`);
            res.end("x".repeat(1000));
          });
      };
      if (cache.handles(req)) void cache.serve(req, res, render);
      else render();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.close();
    await t?.dispose();
  });

  const file = async (title: string) =>
    (await intakeComplaint(t.db, { raw: validComplaint({ title }), channel: "web", region: "BTM", now: new Date() })).trackingCode;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(base + path, { headers, redirect: "manual" });
    return { cache: res.headers.get("x-pintu-cache"), body: await res.text() };
  };

  it("serves a kept page only while the complaint is unchanged", async () => {
    const code = await file("Lampu jalan padam di Jalan Sudirman");
    const before = renders;
    expect(await get(`/lacak/${code}`)).toMatchObject({ cache: "miss", body: expect.stringContaining("Lampu jalan padam") });
    expect(await get(`/lacak/${code}`)).toMatchObject({ cache: "hit", body: expect.stringContaining("Lampu jalan padam") });
    expect(renders).toBe(before + 1);

    await t.db.update(complaints).set({ title: "Lampu jalan sudah menyala", updatedAt: new Date() }).where(eq(complaints.trackingCode, code));
    expect(await get(`/lacak/${code}`)).toMatchObject({ cache: "miss", body: expect.stringContaining("sudah menyala") });
    expect(await get(`/lacak/${code}`)).toMatchObject({ cache: "hit", body: expect.stringContaining("sudah menyala") });
  });

  it("renders again after any directory edit (a renamed OPD shows at once)", async () => {
    const code = await file("Drainase tersumbat");
    await get(`/lacak/${code}`);
    expect((await get(`/lacak/${code}`)).cache).toBe("hit");
    const [admin] = await t.db.insert(users).values({ email: "admin@cache.t", name: "Admin", role: "admin", passwordHash: "x" }).returning({ id: users.id });
    const dlh = (await listOpdDirectory(t.db)).find((o) => o.code === "DLH")!;
    await saveOpd(t.db, { id: dlh.id }, { name: "Dinas Lingkungan Hidup Batam", kind: "opd", laporId: dlh.laporId ?? "" }, { actor: { userId: admin!.id, role: "admin", address: "test" }, now: new Date() });
    expect((await get(`/lacak/${code}`)).cache).toBe("miss");
    expect((await get(`/lacak/${code}`)).cache).toBe("hit");
  });

  it("leaves private links, staff sessions, client navigations and unknown codes to Next", async () => {
    const code = await file("Sampah menumpuk di pasar");
    expect((await get(`/lacak/${code}?key=abc`)).cache).toBeNull();
    expect((await get(`/lacak/${code}`, { cookie: "authjs.session-token=x" })).cache).toBeNull();
    expect((await get(`/lacak/${code}`, { rsc: "1" })).cache).toBeNull();
    expect((await get("/lacak/BTM-00000000")).cache).toBeNull();
  });

  it("keeps one page per language, and no more bytes than allowed, dropping the oldest", async () => {
    const codes = [await file("Jalan rusak satu"), await file("Jalan rusak dua"), await file("Jalan rusak tiga")];
    for (const c of codes) await get(`/lacak/${c}`);
    expect(cache.size().bytes).toBeLessThanOrEqual(3_000);
    expect(cache.size().entries).toBe(2);
    expect((await get(`/lacak/${codes[2]}`)).cache).toBe("hit");
    expect((await get(`/lacak/${codes[0]}`)).cache).toBe("miss");
    expect((await get(`/lacak/${codes[0]}`, { cookie: "pintu_locale=en" })).cache).toBe("miss");
  });
});
