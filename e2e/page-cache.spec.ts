import { fileComplaint, unique } from "./support/data";
import { expect, OPD, staffAction, test } from "./support/staff";

/**
 * The production server keeps public tracking pages (scripts/page-cache.ts). What a visitor sees
 * must still follow the complaint at once: a staff action changes the very next page served.
 */
test("a cached tracking page follows the complaint, per language, and never for a private link or a staff member", async ({ requestAs, baseURL }) => {
  const citizen = await requestAs("citizen");
  const coordinator = await requestAs("coordinator");
  const u = unique();
  const filed = await fileComplaint(citizen, { title: `Lampu taman padam ${u}` });
  const url = `/lacak/${filed.trackingCode}`;
  const get = async (path: string, headers: Record<string, string> = {}, client = citizen) => {
    const res = await client.get(path, { headers, maxRedirects: 0 });
    expect(res.status(), path).toBe(200);
    return { cache: res.headers()["x-pintu-cache"], body: await res.text() };
  };

  const first = await get(url);
  expect(first.cache).toBe("miss");
  expect(first.body).toContain(`Lampu taman padam ${u}`);
  expect(first.body).toContain('data-status="received"');
  const second = await get(url);
  expect(second.cache).toBe("hit");
  expect(second.body).toBe(first.body);

  // Another language is another page.
  const english = await get(url, { cookie: "pintu_locale=en" });
  expect(english.cache).toBe("miss");
  expect(english.body).toContain("Received");
  expect((await get(url, { cookie: "pintu_locale=en" })).cache).toBe("hit");

  // The private link and a staff member's visit always go to Next.
  expect((await get(`${url}?key=${encodeURIComponent(filed.accessKey)}`)).cache).toBeUndefined();
  expect((await get(url, {}, coordinator)).cache).toBeUndefined();

  // The coordinator disposes it: the next public page already says so.
  await staffAction(coordinator, baseURL!, filed.trackingCode, "dispose", { opdCode: "DISDUKCAPIL" });
  const after = await get(url);
  expect(after.cache).toBe("miss");
  expect(after.body).toContain('data-status="disposed"');
  expect(after.body).toContain(OPD.DISDUKCAPIL);
  expect((await get(url)).cache).toBe("hit");
});
