import { randomInt } from "node:crypto";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { fileComplaint, TRACKING_CODE, unique } from "./support/data";
import { kannelMissing, startKannel } from "./support/kannel";
import { waitForMail } from "./support/mailbox";
import { ComplaintFormPage, ReceiptView, snapshot } from "./support/pages";
import { MAIN_PORT } from "./support/servers";

/**
 * The citizen never loses their complaint (issue 15), on a phone, with JavaScript on and off:
 * the receipt survives a reload and sends its link by e-mail; a lost link is recovered with a
 * one-time code by e-mail and, for an SMS reporter, by SMS through Kannel.
 */

const hasJs = (testInfo: TestInfo) => testInfo.project.use.javaScriptEnabled !== false;
const main = (page: Page) => page.getByRole("main");

/** Looks at a page as printed (the receipt's and slip's print stylesheet). */
async function printSnapshot(page: Page, testInfo: TestInfo, name: string) {
  await page.emulateMedia({ media: "print" });
  await snapshot(page, testInfo, name);
  await page.emulateMedia({ media: "screen" });
}

test("the receipt survives a reload, states the choices, shows a QR code, and its link arrives by e-mail", async ({ page }, testInfo) => {
  const email = `pelapor-${unique()}@contoh.id`;
  const form = new ComplaintFormPage(page);
  await form.goto();
  await form.fillRequired(`Saluran air tersumbat ${unique()}`);
  await form.email.fill(email);
  await form.confidential.check();
  await form.submit.click();

  await expect(page).toHaveURL(/\/lapor\/terkirim$/);
  const receipt = new ReceiptView(page);
  const first = await receipt.read();
  expect(first.code).toMatch(TRACKING_CODE);
  expect(first.link).toMatch(new RegExp(`/lacak/${first.code}\\?key=[\\w-]{22}$`));
  const choices = main(page).getByTestId("choices");
  await expect(choices).toContainText("Tidak anonim");
  await expect(choices).toContainText("Rahasia: isi aduan tidak tampil");
  await expect(main(page).getByText(/Paling lambat .* WIB tim koordinasi memeriksa/)).toBeVisible();
  await expect(main(page).getByRole("img", { name: `Kode QR tautan pribadi aduan ${first.code}` }).locator("svg")).toBeVisible();
  await expect(main(page).getByText(/Nomor lacak dan tautan pribadi juga kami kirim ke e-mail p•••@contoh\.id/)).toBeVisible();
  if (hasJs(testInfo)) await expect(main(page).getByRole("button", { name: "Cetak / simpan PDF" })).toBeVisible();
  else await expect(main(page).getByRole("button", { name: "Cetak / simpan PDF" })).toHaveCount(0);
  await snapshot(page, testInfo, "receipt");
  await printSnapshot(page, testInfo, "receipt-print");

  // A reload (or coming back to the page) shows the same receipt; the key is in no URL.
  await page.reload();
  expect(await receipt.read()).toEqual(first);
  expect(page.url()).not.toContain("key=");

  // Sent by itself at intake: the code and a private link of its own, which opens the private view.
  const auto = await waitForMail(MAIN_PORT, email, (m) => m.subject.includes(first.code));
  expect(auto.subject).toBe(`Tautan pribadi aduan ${first.code}`);
  const mailed = /(http:\/\/\S+\/lacak\/\S+\?key=[\w-]+)/.exec(auto.body)![1]!;
  expect(mailed).not.toBe(first.link);

  // "Send it to my e-mail" again, from the receipt.
  await main(page).getByRole("button", { name: "Kirim tautan ke SMS/e-mail saya" }).click();
  await expect(main(page).getByRole("status")).toContainText("tautan akan tiba di e-mail p•••@contoh.id");
  await expect.poll(async () => (await waitForMail(MAIN_PORT, email, (m) => m.subject.includes(first.code) && !m.body.includes(mailed)).catch(() => null)) !== null, { timeout: 30_000 }).toBe(true);

  await page.goto(mailed);
  await expect(main(page).getByText("Anda melihat aduan ini dengan tautan pribadi pelapor.")).toBeVisible();

  // Another browser (no cookie) never sees the receipt.
  const stranger = await page.context().browser()!.newContext();
  const other = await stranger.newPage();
  await other.goto("/lapor/terkirim");
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Tanda terima tidak lagi tersedia");
  await expect(other.getByRole("main")).not.toContainText(first.code);
  await stranger.close();
});

test("a lost link is recovered with a one-time code by e-mail; a wrong address gets the same answer", async ({ page, request }, testInfo) => {
  const email = `lupa-${unique()}@contoh.id`;
  const { trackingCode: code, accessKey } = await fileComplaint(request, { reporterEmail: email });
  // Typed without the prefix, in lower case.
  await page.goto(`/lacak?code=${code.slice(4).toLowerCase()}`);
  await expect(page).toHaveURL(new RegExp(`/lacak/${code}$`));
  await main(page).getByRole("link", { name: "Saya pelapor aduan ini" }).click();
  await expect(page).toHaveURL(new RegExp(`/lacak/${code}/pelapor$`));
  await snapshot(page, testInfo, "recover-contact");

  await main(page).getByLabel("Nomor telepon atau e-mail").fill(`orang-lain-${unique()}@contoh.id`);
  await main(page).getByRole("button", { name: "Kirim kode" }).click();
  const answerToStranger = await main(page).getByRole("status").innerText();

  await page.goto(`/lacak/${code}/pelapor`);
  await main(page).getByLabel("Nomor telepon atau e-mail").fill(email.toUpperCase());
  await main(page).getByRole("button", { name: "Kirim kode" }).click();
  expect(await main(page).getByRole("status").innerText()).toBe(answerToStranger);
  await snapshot(page, testInfo, "recover-code");

  const mail = await waitForMail(MAIN_PORT, email, (m) => m.subject.startsWith("Kode "));
  const otp = /Kode (\d{6})/.exec(mail.subject)![1]!;
  const wrong = otp === "000000" ? "111111" : "000000";
  await main(page).getByLabel("Kode 6 angka").fill(wrong);
  await main(page).getByRole("button", { name: "Buka aduan saya" }).click();
  await expect(main(page).getByText("Kode salah. Sisa percobaan: 4.")).toBeVisible();
  await main(page).getByLabel("Kode 6 angka").fill(otp);
  await main(page).getByRole("button", { name: "Buka aduan saya" }).click();

  await expect(page).toHaveURL(new RegExp(`/lacak/${code}\\?key=[\\w-]+&baru=1$`));
  await expect(main(page).getByRole("status")).toContainText("Ini tautan pribadi baru Anda");
  expect(new URL(page.url()).searchParams.get("key")).not.toBe(accessKey);
  await snapshot(page, testInfo, "recovered");
  // The old link still works.
  await page.goto(`/lacak/${code}?key=${accessKey}`);
  await expect(main(page).getByText("Anda melihat aduan ini dengan tautan pribadi pelapor.")).toBeVisible();
});

test("an SMS reporter recovers a link with a code sent by SMS through Kannel", async ({ page, baseURL }, testInfo) => {
  const missing = kannelMissing();
  if (missing && process.env.CI) throw new Error(missing);
  test.skip(missing !== null, missing ?? "");
  const n = String(randomInt(10_000_000, 99_999_999));
  const number = `0815${n}`;
  const kannel = await startKannel(baseURL!, MAIN_PORT);
  try {
    const sender = await kannel.phone([`${number} 1708 text BTM Lampu jalan di depan masjid ${n.slice(0, 4)} padam sejak seminggu`]);
    const reply = await sender.deliveredMatching((s) => s.to.endsWith(n) && /Aduan diterima/.test(s.text));
    const code = /(BTM-[0-9A-Z]{8})/.exec(reply.text)![1]!;

    await page.goto(`/lacak/${code}/pelapor`);
    await main(page).getByLabel("Nomor telepon atau e-mail").fill(`+62 815-${n.slice(0, 4)}-${n.slice(4)}`);
    await main(page).getByRole("button", { name: "Kirim kode" }).click();
    await expect(main(page).getByRole("status")).toContainText(`Bila nomor telepon yang Anda tulis tercatat pada aduan ${code}`);
    const sms = await sender.deliveredMatching((s) => s.to.endsWith(n) && /^Kode \d{6}/.test(s.text));
    expect(sms.text.length).toBeLessThanOrEqual(160);
    await main(page).getByLabel("Kode 6 angka").fill(/Kode (\d{6})/.exec(sms.text)![1]!);
    await main(page).getByRole("button", { name: "Buka aduan saya" }).click();
    await expect(main(page).getByRole("status")).toContainText("Ini tautan pribadi baru Anda");
    await expect(main(page).getByText("Anda melihat aduan ini dengan tautan pribadi pelapor.")).toBeVisible();
    await snapshot(page, testInfo, "recovered-sms");
  } finally {
    await kannel.stop();
  }
});

test("a walk-in complaint gets a slip to print (A6, 58 mm) and its link texted to the reporter", async ({ page, baseURL }, testInfo) => {
  const missing = kannelMissing();
  if (missing && process.env.CI) throw new Error(missing);
  test.skip(missing !== null, missing ?? "");
  const n = String(randomInt(10_000_000, 99_999_999));
  await page.goto("/masuk");
  await page.getByLabel("Email", { exact: true }).fill("koordinator@pintu.test");
  await page.getByLabel("Kata sandi", { exact: true }).fill("pintu-demo");
  await page.getByRole("button", { name: "Masuk", exact: true }).click();
  await expect(page).toHaveURL(/\/petugas\//);
  await page.goto("/petugas/aduan/baru");
  const form = new ComplaintFormPage(page, "staff");
  await main(page).getByLabel("Diterima melalui").selectOption({ label: "Datang langsung" });
  await form.fillRequired(`Akta kelahiran belum terbit ${n}`, "Warga datang ke kantor: akta kelahiran anaknya belum terbit setelah dua bulan menunggu.");
  await form.phone.fill(`0816${n}`);
  await form.anonymous.check();
  await form.submit.click();

  await expect(page).toHaveURL(/\/petugas\/aduan\/baru\/slip$/);
  const { code, link } = await new ReceiptView(page, "staff").read();
  expect(code).toMatch(TRACKING_CODE);
  expect(link).toContain(`/lacak/${code}?key=`);
  const slip = main(page).getByTestId("slip");
  await expect(slip).toContainText(`kirim BTM CEK ${code} ke 1708`);
  await expect(slip).toContainText("Anonim:");
  await expect(slip.getByRole("img", { name: `Kode QR tautan pribadi aduan ${code}` })).toBeVisible();
  await snapshot(page, testInfo, "slip-a6");
  await printSnapshot(page, testInfo, "slip-a6-print");
  await main(page).getByRole("link", { name: "Struk 58 mm" }).click();
  await expect(page).toHaveURL(/format=58mm$/);
  await printSnapshot(page, testInfo, "slip-58mm-print");
  await page.reload();
  expect((await new ReceiptView(page, "staff").read()).code).toBe(code);

  const kannel = await startKannel(baseURL!, MAIN_PORT);
  try {
    // A phone on the fake network (it sends one status query) receives what the portal texts.
    const phone = await kannel.phone([`0816${n} 1708 text BTM CEK ${code}`]);
    await main(page).getByRole("button", { name: "Kirim ke pelapor via SMS" }).click();
    await expect(main(page).getByRole("status")).toContainText("masuk antrean SMS");
    const sms = await phone.deliveredMatching((s) => s.to.endsWith(n) && s.text.includes("/k/"));
    expect(sms.text).toContain(code);
    expect(sms.text.length).toBeLessThanOrEqual(160);
    const short = /(http:\/\/\S+\/k\/\S+)/.exec(sms.text)![1]!;
    const citizen = await page.context().browser()!.newContext();
    const own = await citizen.newPage();
    await own.goto(short);
    await expect(own).toHaveURL(new RegExp(`/lacak/${code}\\?key=`));
    await expect(own.getByRole("main").getByText("Anda melihat aduan ini dengan tautan pribadi pelapor.")).toBeVisible();
    await citizen.close();
  } finally {
    await kannel.stop();
  }
});
