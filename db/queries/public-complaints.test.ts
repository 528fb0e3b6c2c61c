import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { reference } from "@/server/reference";
import { intakeComplaint } from "@/server/intake";
import { parsePublicListQuery } from "@/server/public-list";
import { validComplaint } from "@/test/fixtures";
import { complaints } from "@/db/schema";
import { PUBLIC_PAGE_SIZE, listPublicComplaints } from "./public-complaints";

describe.each(testDatabases())("the public complaint list on $name", (backend) => {
  let t: TestDatabase;
  const codes: Record<string, string> = {};
  const marker = `Pagar${Date.now().toString(36)}`;
  const contactMarker = `Telepon${Date.now().toString(36)}`;

  beforeAll(async () => {
    t = await backend.open();
    const file = async (name: string, extra: Record<string, unknown>, minutesAgo: number) => {
      const r = await intakeComplaint(t.db, {
        raw: validComplaint({ title: `${marker} ${name} roboh di taman`, ...extra }),
        channel: "web",
        region: "BTM",
        now: new Date(Date.now() - minutesAgo * 60_000),
      });
      codes[name] = r.trackingCode;
    };
    for (let i = 0; i < PUBLIC_PAGE_SIZE + 5; i++) await file(`umum${i}`, {}, 100 - i);
    await file("rahasia", { confidential: true }, 10);
    await file("spam", {}, 9);
    await file("digabung", {}, 8);
    await file("anonim", { anonymous: true, reporterName: "Siti Rahma" }, 7);
    await file("kontak", { anonymous: true, title: `${contactMarker} hubungi 0812-7777-1234 atau siti@contoh.id` }, 6);
    await t.db.update(complaints).set({ status: "archived" }).where(eq(complaints.trackingCode, codes.spam!));
    const [primary] = await t.db.select({ id: complaints.id }).from(complaints).where(eq(complaints.trackingCode, codes.umum0!));
    await t.db.update(complaints).set({ primaryId: primary!.id }).where(eq(complaints.trackingCode, codes.digabung!));
  });
  afterAll(() => t?.dispose());

  const listAll = async (query: string) => {
    const ref = await reference(t.db);
    const seen: string[] = [];
    let sebelum = "";
    for (let page = 0; page < 10; page++) {
      const q = parsePublicListQuery({ q: query, sebelum }, ref);
      const { rows, next } = await listPublicComplaints(t.db, q.filter);
      seen.push(...rows.map((r) => r.trackingCode));
      if (!next) break;
      sebelum = `${next.at.getTime()}.${next.id}`;
    }
    return seen;
  };

  it("lists what the public may see, newest first, across pages without gaps or repeats", async () => {
    const seen = await listAll(marker);
    expect(seen[0]).toBe(codes.anonim);
    expect(seen).toHaveLength(PUBLIC_PAGE_SIZE + 6);
    expect(new Set(seen).size).toBe(seen.length);
    for (const hidden of ["rahasia", "spam", "digabung"]) expect(seen).not.toContain(codes[hidden]);
  });

  it("filters by status, category and kecamatan, and drops values that name nothing", async () => {
    const ref = await reference(t.db);
    const category = ref.categories[0]!.code;
    await t.db.update(complaints).set({ status: "in_progress" }).where(inArray(complaints.trackingCode, [codes.umum3!, codes.umum4!]));
    const q = parsePublicListQuery({ q: marker, status: "in_progress" }, ref);
    expect((await listPublicComplaints(t.db, q.filter)).rows.map((r) => r.trackingCode).sort()).toEqual([codes.umum3, codes.umum4].sort());

    const bad = parsePublicListQuery({ status: "archived", kategori: "NOPE", kecamatan: "999999", sebelum: "kemarin" }, ref);
    expect(bad.ignored).toEqual(["status", "kategori", "kecamatan", "sebelum"]);
    expect(bad.filter).toEqual({});
    expect(parsePublicListQuery({ kategori: category }, ref).filter).toEqual({ categoryCode: category });
  });

  it("never matches contact data the list hides: a phone number, a part of it or an e-mail finds nothing", async () => {
    const ref = await reference(t.db);
    for (const probe of ["0812-7777-1234", "+62 812 7777 1234", "081277771234", "siti@contoh.id", "siti@", "@contoh.id"]) {
      const q = parsePublicListQuery({ q: probe }, ref);
      // Nothing is left to search by: the list is the unfiltered one, which says nothing of the probe.
      expect(q.contactDropped, probe).toBe(true);
      expect(q.filter.query, probe).toBeUndefined();
    }
    const mixed = parsePublicListQuery({ q: `${contactMarker} 0812-7777-1234` }, ref);
    expect(mixed.filter.query).toBe(`${contactMarker}`);
    // The words around it are still found, and ordinary numbers are searched as typed.
    expect(await listAll(`${contactMarker} hubungi`)).toEqual([codes.kontak]);
    expect(parsePublicListQuery({ q: "RT 05 RW 12" }, ref)).toMatchObject({ contactDropped: false, filter: { query: "RT 05 RW 12" } });
    // Random-looking words (the e2e suite's unique markers) are searched as typed.
    expect(parsePublicListQuery({ q: "12345678" }, ref)).toMatchObject({ contactDropped: false, filter: { query: "12345678" } });
  });

  it("treats the search text literally, not as a pattern", async () => {
    expect(await listAll("%")).toEqual([]);
    expect(await listAll(`${marker} umum1_`)).toEqual([]);
  });
});
