import type { Page } from "@playwright/test";
import { fileComplaint, unique } from "./support/data";
import { act, expect, main, test } from "./support/staff";

/**
 * Staff search (issue 13 item 2) from the box in the staff header: the coordination team finds a
 * complaint by its code typed any way, by the reporter's phone in another format than it was
 * given, and by words; an OPD officer finds only their own OPD's complaints and cannot search by
 * phone at all (nothing of another OPD comes back).
 */

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true, timeout: 60_000 });

/** Searches with the header box, as a person does on any staff page; returns the result rows. */
async function searchFromHeader(page: Page, q: string) {
  const box = page.getByRole("search", { name: "Cari" }).getByRole("searchbox");
  await box.fill(q);
  await box.press("Enter");
  await expect(page).toHaveURL(/\/petugas\/cari\?q=/);
  await expect(main(page).getByTestId("search-summary")).toBeVisible();
  return main(page).getByRole("region", { name: "Hasil pencarian" }).getByRole("row").filter({ has: page.getByRole("link") });
}

test("the coordinator finds a complaint by code, phone and words; an OPD only its own @phone", async ({ pageAs, request }) => {
  test.setTimeout(180_000);
  const u = unique();
  const digits = String(Math.floor(1e7 + Math.random() * 9e7));
  const phone = `0812${digits}`;
  const word = `gorong${u.replace(/[^a-z]/g, "x")}`;
  const filed = await fileComplaint(request, {
    title: `Saluran ${word} tersumbat sampah`,
    body: "Saluran air di depan ruko tersumbat sampah sehingga air meluap ke jalan setiap hujan.",
    reporterName: "Rina Pelapor",
    reporterPhone: phone,
  });
  const code = filed.trackingCode;

  const coordinator = await pageAs("coordinator");
  await coordinator.goto("/petugas/antrean");
  // The code without its prefix, in lower case, lands on the one complaint.
  let rows = await searchFromHeader(coordinator, code.slice(4).toLowerCase());
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(code);
  await coordinator.goto(`/petugas/aduan/${code}`);
  await act(coordinator, "Verifikasi dan teruskan ke OPD", { "OPD tujuan": "BINAMARGA" });

  // The phone as +62 with dashes finds it (and the search is bookmarkable: a plain GET).
  rows = await searchFromHeader(coordinator, `+62 812-${digits.slice(0, 4)}-${digits.slice(4)}`);
  await expect(rows.filter({ hasText: code })).toHaveCount(1);
  await expect(main(coordinator).getByTestId("search-summary")).toContainText("dari pelapor");
  await shot(coordinator, "search-phone");
  rows = await searchFromHeader(coordinator, `${word} sampah`);
  await expect(rows.filter({ hasText: code })).toHaveCount(1);
  await shot(coordinator, "search-words");

  // Disdukcapil: no phone search, and nothing of Bina Marga by code or words.
  const other = await pageAs("disdukcapil");
  await other.goto("/petugas/kotak-masuk");
  rows = await searchFromHeader(other, phone);
  await expect(main(other).getByRole("status").filter({ hasText: "hanya untuk tim koordinasi dan admin" })).toBeVisible();
  await expect(rows).toHaveCount(0);
  await shot(other, "search-opd-phone-refused");
  for (const q of [code, word]) {
    rows = await searchFromHeader(other, q);
    await expect(rows).toHaveCount(0);
    await expect(main(other).getByTestId("search-summary")).toContainText("Tidak ada aduan");
  }

  // Bina Marga finds it by words (its own OPD's complaint).
  const owner = await pageAs("binamarga");
  await owner.goto(`/petugas/cari?q=${encodeURIComponent(word)}`);
  await expect(main(owner).getByRole("region", { name: "Hasil pencarian" }).getByRole("row").filter({ hasText: code })).toHaveCount(1);
  await shot(owner, "search-opd-own");
});
