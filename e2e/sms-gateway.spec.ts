import { randomInt } from "node:crypto";
import { kannelMissing, startKannel } from "./support/kannel";
import { MAIN_PORT } from "./support/servers";
import { expect, main, staffAction, test } from "./support/staff";

/**
 * The SMS channel through the real gateway: Kannel's bearerbox and smsbox with the fake SMSC as
 * the operator's network. A citizen's `BTM …` becomes a complaint and the reply SMS comes back
 * through Kannel; the coordinator's disposal and request for information reach the citizen
 * through Kannel's sendsms, and the citizen's SMS answer resumes the complaint; the same text
 * sent again is linked to the complaint and shows in the staff log; a
 * message without the prefix waits in the coordinator's SMS inbox, who turns it into a complaint.
 */

test("an SMS through Kannel becomes a complaint, answered and later notified by SMS; a kept SMS becomes a complaint in the coordinator's inbox", async ({ requestAs, pageAs, baseURL }) => {
  const missing = kannelMissing();
  // CI installs Kannel (.ci/run): there, a missing gateway is a failure, not a skip.
  if (missing && process.env.CI) throw new Error(missing);
  test.skip(missing !== null, missing ?? "");

  const n = String(randomInt(10_000_000, 99_999_999));
  const tag = n.slice(0, 5);
  const citizen = `0812${n}`;
  const other = `0813${n}`;
  const stray = `Selamat pagi, lampu jalan di Tiban ${tag} mati sejak kemarin malam`;
  const kannel = await startKannel(baseURL!, MAIN_PORT);
  let code: string;
  try {
    const complaintText = `Jalan berlubang di depan SDN 005 Batu Aji ${tag}, dua motor jatuh`;
    const first = await kannel.phone([`${citizen} 1708 text BTM   ${complaintText}`]);
    const reply = await first.nextDelivered();
    code = /BTM-[0-9A-Z]{8}/.exec(reply.text)?.[0] ?? "";
    expect(reply).toEqual({ from: "1708", to: citizen, text: `Aduan diterima, nomor ${code}. Cek status: kirim BTM CEK ${code} ke 1708.` });
    // One phone on the fake SMSC at a time: it receives whatever the network delivers.
    await first.stop();
    // The same text again: linked to the open complaint (an event in the staff log), same code.
    const phone = await kannel.phone([`${citizen} 1708 text btm ${complaintText.toLowerCase()}`]);
    expect((await phone.nextDelivered()).text).toBe(`Aduan yang sama sudah tercatat dengan nomor ${code}. Cek status: kirim BTM CEK ${code}.`);

    const coordinator = await requestAs("coordinator");
    const api = await (await requestAs("citizen")).get(`/api/v1/complaints/${code}`);
    expect(await api.json()).toMatchObject({ trackingCode: code, status: "received" });
    await staffAction(coordinator, baseURL!, code, "dispose", { opdCode: "DISDUKCAPIL" });
    // Delivered by the server's worker through Kannel's sendsms, to the number in E.164.
    const notification = await phone.nextDelivered(30_000);
    expect(notification).toEqual({ from: "1708", to: `+62${citizen.slice(1)}`, text: `Aduan ${code} diteruskan ke Dinas Kependudukan dan Pencatatan Sipil. Cek status: kirim BTM CEK ${code}` });

    // Staff need more information: the SMS says how to answer, and the answer by SMS from the
    // same number resumes the complaint; the same answer from another number is refused.
    await staffAction(coordinator, baseURL!, code, "request_info", { message: "Mohon sebutkan patokan terdekat dari lubang itu." });
    expect((await phone.nextDelivered(30_000)).text).toBe(`Aduan ${code} perlu keterangan: Mohon sebutkan patokan terdekat dari lubang itu. Balas: kirim BTM ${code} (keterangan Anda)`);
    await phone.stop();
    const stranger = await kannel.phone([`${other} 1708 text BTM ${code} Di depan warung, dekat gerbang sekolah`]);
    expect((await stranger.nextDelivered()).text).toBe(`Maaf, balasan tidak dapat dicatat: nomor aduan ${code} tidak dikenal atau aduan tidak dikirim dari nomor ini.`);
    await stranger.stop();
    const answering = await kannel.phone([`${citizen} 1708 text BTM ${code} Di depan warung Pak Amir, dekat gerbang sekolah`]);
    expect((await answering.nextDelivered()).text).toBe(`Terima kasih, keterangan Anda untuk aduan ${code} sudah diterima dan diteruskan ke petugas. Cek status: kirim BTM CEK ${code}`);
    await answering.stop();
    const resumed = await (await requestAs("citizen")).get(`/api/v1/complaints/${code}`);
    expect(await resumed.json()).toMatchObject({ trackingCode: code, status: "disposed" });

    const second = await kannel.phone([`${other} 1708 text ${stray}`]);
    expect((await second.nextDelivered()).text).toMatch(/^Pesan diterima\. Untuk mengadu kirim: BTM \(isi aduan\)/);
    await second.stop();
  } finally {
    await kannel.stop();
  }

  const page = await pageAs("coordinator");
  await page.goto(`/petugas/aduan/${code}`);
  const log = main(page).getByRole("region", { name: "Riwayat lengkap" });
  await expect(log.getByRole("listitem").filter({ hasText: "Pelapor mengirim aduan yang sama lagi melalui SMS" })).toHaveCount(1);
  await expect(log.getByRole("listitem").filter({ hasText: "Di depan warung Pak Amir, dekat gerbang sekolah" })).toContainText("Kirim keterangan");
  await page.goto("/petugas/sms-masuk");
  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("SMS masuk");
  const item = main(page).getByRole("listitem").filter({ hasText: stray });
  await expect(item).toContainText(`+62${other.slice(1)}`);
  await item.locator("summary").click();
  await item.getByLabel("Judul aduan").fill(`Lampu jalan mati di Tiban ${tag}`);
  await item.getByRole("button", { name: "Jadikan aduan" }).click();
  await expect(page).toHaveURL(/\/petugas\/aduan\/BTM-[0-9A-Z]{8}\?done=sms$/);
  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(`Lampu jalan mati di Tiban ${tag}`);
  await page.goto("/petugas/sms-masuk");
  await expect(main(page).getByText(stray)).toHaveCount(0);
});
