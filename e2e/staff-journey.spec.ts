import { fileComplaint, TRACKING_CODE, unique } from "./support/data";
import { ComplaintFormPage, ReceiptView } from "./support/pages";
import { act, expect, findInList, main, OPD, offeredActions, openFromList, publicTimeline, statusBadge, test } from "./support/staff";

/**
 * The staff workflow end to end, each person in their own browser: the citizen, the
 * coordination team, the OPD officers and the reporter on their private link. The first journey
 * also runs on a phone and with JavaScript disabled (projects staff-phone, staff-nojs): every
 * workflow form is a plain server-action form inside a <details> element.
 */

const shot = async (page: import("@playwright/test").Page, name: string) =>
  page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test("a complaint goes from the citizen to Disdukcapil and back until the reporter is satisfied @phone @nojs", async ({ pageAs }) => {
  test.setTimeout(180_000);
  const u = unique();
  const title = `KTP-el anak belum jadi ${u}`;
  const question = "Mohon kirimkan nomor registrasi pengajuan KTP-el anak Anda.";
  const reply = `Nomor registrasi saya REG-${u}.`;
  const firstAnswer = "KTP-el sudah dicetak dan dapat diambil di kantor kecamatan mulai besok.";
  const objection = "Saya sudah ke kantor kecamatan tetapi KTP-el belum ada di sana.";
  const secondAnswer = "Mohon maaf, KTP-el sudah kami antar ke kantor kecamatan hari ini; silakan diambil.";

  // The citizen files on /lapor, not anonymously.
  const citizen = await pageAs("citizen");
  const form = new ComplaintFormPage(citizen);
  await form.goto();
  await form.fillRequired(title, "Anak saya sudah rekam KTP-el tiga bulan lalu tetapi sampai sekarang belum juga dicetak.");
  await form.category.selectOption("ADMINDUK");
  await form.area.selectOption({ label: "Belian" });
  await form.name.fill(`Budi Pelapor ${u}`);
  await form.submit.click();
  const { code, link } = await new ReceiptView(citizen).read();
  expect(code).toMatch(TRACKING_CODE);
  const privatePath = new URL(link).pathname + new URL(link).search;

  // The coordinator finds it in the verification queue and disposes it to Disdukcapil.
  const coordinator = await pageAs("coordinator");
  const queueRow = await findInList(coordinator, "/petugas/antrean", title);
  await expect(queueRow).toContainText(code);
  await expect(queueRow).toContainText("Diterima");
  await expect(queueRow.locator('td[data-label="Saran tujuan"]')).toHaveText(OPD.DISDUKCAPIL);
  await shot(coordinator, "coordinator-queue");
  await queueRow.getByRole("link", { name: title }).click();
  await expect(main(coordinator).getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(statusBadge(coordinator)).toHaveText("Diterima");
  // Not anonymous: the coordination team sees who complained.
  await expect(main(coordinator).getByRole("region", { name: "Pelapor" })).toContainText(`Budi Pelapor ${u}`);
  await shot(coordinator, "coordinator-detail");
  await act(coordinator, "Verifikasi dan teruskan ke OPD", { "OPD tujuan": "DISDUKCAPIL", "Catatan (opsional)": "Sudah diverifikasi, data lengkap." });
  await expect(statusBadge(coordinator)).toHaveText("Diteruskan ke instansi");
  await expect(main(coordinator).getByText(OPD.DISDUKCAPIL, { exact: true }).first()).toBeVisible();

  // The Disdukcapil officer sees it in the inbox and asks the reporter for more information.
  const officer = await pageAs("disdukcapil");
  const inboxRow = await findInList(officer, "/petugas/kotak-masuk", title);
  await expect(inboxRow).toContainText(code);
  await shot(officer, "officer-inbox");
  await openFromList(officer, "/petugas/kotak-masuk", title, code);
  expect(await offeredActions(officer)).toEqual(["Terima dan tindak lanjuti", "Kembalikan: bukan wewenang", "Minta keterangan dari pelapor", "Catatan internal"]);
  await act(officer, "Minta keterangan dari pelapor", { Pesan: question });
  await expect(statusBadge(officer)).toHaveText("Menunggu jawaban pelapor");
  await shot(officer, "officer-detail");

  // The reporter answers on the private link, whose key never leaves in a Referer header.
  await citizen.goto(privatePath);
  await expect(citizen.locator('meta[name="referrer"]')).toHaveAttribute("content", /^(strict-origin|origin|no-referrer)$/);
  await expect(statusBadge(citizen)).toHaveText("Menunggu jawaban pelapor");
  await expect(main(citizen).getByText("Petugas meminta keterangan tambahan:")).toBeVisible();
  await expect(main(citizen).locator("blockquote")).toHaveText(question);
  await act(citizen, "Kirim keterangan", { Pesan: reply });
  await expect(statusBadge(citizen)).toHaveText("Diteruskan ke instansi");

  // The officer sees the reply, accepts the complaint and answers.
  await officer.reload();
  await expect(statusBadge(officer)).toHaveText("Diteruskan ke instansi");
  await expect(main(officer).getByRole("region", { name: "Riwayat lengkap" })).toContainText(reply);
  await act(officer, "Terima dan tindak lanjuti");
  await expect(statusBadge(officer)).toHaveText("Sedang ditindaklanjuti");
  await act(officer, "Kirim jawaban akhir", { Pesan: firstAnswer });
  await expect(statusBadge(officer)).toHaveText("Sudah dijawab");

  // The reporter objects: the answer did not solve it.
  await citizen.goto(privatePath);
  await expect(statusBadge(citizen)).toHaveText("Sudah dijawab");
  await expect(main(citizen).getByText("Instansi sudah menjawab. Apakah jawaban ini menyelesaikan masalah Anda?")).toBeVisible();
  // The answer stands beside the choice, with the date the complaint would close by itself, and
  // the reporter's own reply is in their timeline.
  const reporterBox = main(citizen).getByRole("region", { name: "Tindakan pelapor" });
  await expect(reporterBox.locator("blockquote")).toHaveText(firstAnswer);
  await expect(reporterBox).toContainText("aduan ditutup otomatis pada");
  await expect(main(citizen).getByRole("region", { name: "Riwayat" })).toContainText(`Balasan Anda:${reply}`);
  await act(citizen, "Jawaban belum menyelesaikan masalah", { Alasan: objection });
  await expect(statusBadge(citizen)).toHaveText("Sedang ditindaklanjuti");

  // Back with the same OPD: the officer answers again.
  await officer.reload();
  await expect(statusBadge(officer)).toHaveText("Sedang ditindaklanjuti");
  await expect(main(officer).getByRole("region", { name: "Riwayat lengkap" })).toContainText(objection);
  await act(officer, "Kirim jawaban akhir", { Pesan: secondAnswer });
  await expect(statusBadge(officer)).toHaveText("Sudah dijawab");

  // The reporter accepts the answer and rates the handling.
  await citizen.goto(privatePath);
  await act(citizen, "Jawaban menyelesaikan masalah saya");
  await expect(statusBadge(citizen)).toHaveText("Selesai");
  await expect(main(citizen).getByText("Aduan selesai. Bagaimana penilaian Anda atas penanganannya?")).toBeVisible();
  await act(citizen, "Beri penilaian", { "Nilai (1–5)": "5", "Komentar (opsional)": "Terima kasih, cepat ditangani." });
  await expect(main(citizen).getByText("Terima kasih atas penilaian Anda (5/5).")).toBeVisible();
  expect(await offeredActions(citizen)).toEqual([]);
  await shot(citizen, "reporter-closed");

  // Staff see the closed complaint with its rating and nothing left to do.
  await officer.reload();
  await expect(statusBadge(officer)).toHaveText("Selesai");
  await expect(main(officer).getByText("5/5 — Terima kasih, cepat ditangani.")).toBeVisible();
  expect(await offeredActions(officer)).toEqual([]);

  // The public timeline shows every step, without staff names, internal notes or the reporter's reply.
  const visitor = await pageAs("citizen");
  expect(await publicTimeline(visitor, code)).toEqual([
    "Aduan diterima melalui Situs web.",
    `Aduan diteruskan ke ${OPD.DISDUKCAPIL}.`,
    `Petugas meminta keterangan tambahan dari pelapor. ${question}`,
    "Pelapor memberikan keterangan tambahan.",
    "Instansi mulai menindaklanjuti aduan.",
    `Instansi memberikan jawaban. ${firstAnswer}`,
    "Pelapor menyatakan jawaban belum menyelesaikan masalah.",
    `Instansi memberikan jawaban. ${secondAnswer}`,
    "Aduan selesai.",
    "Pelapor memberikan penilaian.",
  ]);
  await expect(statusBadge(visitor)).toHaveText("Selesai");
  for (const hidden of ["Petugas Disdukcapil", "Tim Koordinasi", "Sudah diverifikasi", reply, `Budi Pelapor ${u}`]) {
    await expect(main(visitor)).not.toContainText(hidden);
  }
  await shot(visitor, "public-timeline");
});

test("a complaint returned as 'bukan wewenang' keeps its tracking code on the way to the right OPD", async ({ pageAs, request }) => {
  test.setTimeout(120_000);
  const u = unique();
  const title = `Antrean akta kematian ditolak ${u}`;
  const reason = "Ini urusan akta kematian, bukan jalan atau saluran air; wewenang Disdukcapil.";
  const { trackingCode: code } = await fileComplaint(request, {
    title,
    body: "Pengurusan akta kematian ayah saya ditolak di loket tanpa penjelasan yang jelas.",
    categoryCode: "TIDAK-TAHU",
  });

  const coordinator = await pageAs("coordinator");
  await openFromList(coordinator, "/petugas/antrean", title, code);
  await act(coordinator, "Verifikasi dan teruskan ke OPD", { "OPD tujuan": "BINAMARGA" });
  await expect(statusBadge(coordinator)).toHaveText("Diteruskan ke instansi");

  // Bina Marga returns it: not theirs, with a reason and the OPD that should handle it.
  const binamarga = await pageAs("binamarga");
  await openFromList(binamarga, "/petugas/kotak-masuk", title, code);
  await act(binamarga, "Kembalikan: bukan wewenang", { Alasan: reason, "Saran OPD yang berwenang": "DISDUKCAPIL" }, null);
  // Handed away, it is no longer theirs: back to the inbox, told which went back and why; it is gone there, and 404 by URL.
  await expect(binamarga).toHaveURL(new RegExp(`/petugas/kotak-masuk\\?dikembalikan=${code}$`));
  await expect(main(binamarga).getByRole("status")).toContainText(`Aduan ${code} sudah dikembalikan ke tim koordinasi.`);
  await expect(main(binamarga).getByRole("status")).toContainText(reason);
  await expect(main(binamarga).getByRole("link", { name: title })).toHaveCount(0);
  expect((await binamarga.goto(`/petugas/aduan/${code}`))?.status()).toBe(404);

  // The coordinator sees it back in the queue, with the bounce and Bina Marga's suggestion.
  const row = await findInList(coordinator, "/petugas/antrean", title);
  await expect(row).toContainText(code);
  await expect(row).toContainText("Dikembalikan 1 kali");
  await expect(row.locator('td[data-label="Saran tujuan"]')).toHaveText(OPD.DISDUKCAPIL);
  await row.getByRole("link", { name: title }).click();
  await expect(statusBadge(coordinator)).toHaveText("Diterima");
  const log = main(coordinator).getByRole("region", { name: "Riwayat lengkap" });
  await expect(log).toContainText("Kembalikan: bukan wewenang — Diteruskan ke instansi → Diterima");
  await expect(log).toContainText(reason);
  await expect(log).toContainText("Petugas Bina Marga (Petugas OPD)");
  // The suggestion is preselected; the coordinator re-disposes in one step.
  const details = main(coordinator).locator("details").filter({ hasText: "Verifikasi dan teruskan ke OPD" });
  await details.locator("summary").click();
  await expect(details.getByLabel("OPD tujuan")).toHaveValue("DISDUKCAPIL");
  await act(coordinator, "Verifikasi dan teruskan ke OPD");
  await expect(statusBadge(coordinator)).toHaveText("Diteruskan ke instansi");
  await expect(main(coordinator).locator("dl").first()).toContainText(OPD.DISDUKCAPIL);

  // Disdukcapil has it now, under the same tracking code.
  const officer = await pageAs("disdukcapil");
  await openFromList(officer, "/petugas/kotak-masuk", title, code);
  await expect(main(officer).getByText(code, { exact: true })).toBeVisible();

  // The citizen's one reference shows the whole path.
  const visitor = await pageAs("citizen");
  expect(await publicTimeline(visitor, code)).toEqual([
    "Aduan diterima melalui Situs web.",
    `Aduan diteruskan ke ${OPD.BINAMARGA}.`,
    "Aduan dikembalikan ke tim koordinasi untuk diteruskan ke instansi yang tepat.",
    `Aduan diteruskan ke ${OPD.DISDUKCAPIL}.`,
  ]);
  await expect(main(visitor).getByText(code, { exact: true })).toBeVisible();
  await expect(main(visitor)).toContainText(`Ditangani oleh${OPD.DISDUKCAPIL}`);
  await expect(main(visitor)).not.toContainText(reason);
  const api = await request.get(`/api/v1/complaints/${code}`);
  const json = (await api.json()) as { trackingCode: string; status: string; opd: { code: string } };
  expect(json).toMatchObject({ trackingCode: code, status: "disposed", opd: { code: "DISDUKCAPIL" } });
});

test("the coordinator records a walk-in complaint and gets a tracking code", async ({ pageAs, request }) => {
  const u = unique();
  const title = `Surat pindah belum diproses ${u}`;
  const coordinator = await pageAs("coordinator");
  await coordinator.goto("/petugas/aduan/baru");
  await expect(main(coordinator).getByRole("heading", { level: 1 })).toHaveText("Catat aduan atas nama warga");
  const form = new ComplaintFormPage(coordinator, "staff");
  await main(coordinator).getByLabel("Diterima melalui").selectOption({ label: "Datang langsung" });
  await form.fillRequired(title, "Warga datang ke kantor: surat pindah domisili yang diajukan sebulan lalu belum diproses.");
  await form.area.selectOption({ label: "Belian" });
  await form.name.fill(`Ibu Warga ${u}`);
  await form.phone.fill("0812 7000 1234");
  await form.submit.click();
  const { code } = await new ReceiptView(coordinator, "staff").read();
  expect(code).toMatch(TRACKING_CODE);
  await expect(main(coordinator)).toContainText("Serahkan tautan ini kepada pelapor sekarang");

  const row = await findInList(coordinator, "/petugas/antrean", title);
  await expect(row).toContainText(code);
  await row.getByRole("link", { name: title }).click();
  await expect(main(coordinator).locator("dl").first()).toContainText("SaluranDatang langsung");
  await expect(main(coordinator).getByRole("region", { name: "Pelapor" })).toContainText("+6281270001234");

  const json = (await (await request.get(`/api/v1/complaints/${code}`)).json()) as { channel: string; status: string; timeline: { message: string }[] };
  expect(json).toMatchObject({ channel: "walk_in", status: "received" });
  expect(json.timeline.map((e) => e.message)).toEqual(["Aduan diterima melalui Datang langsung."]);
});

test("the coordinator merges a duplicate into its primary and undoes it", async ({ pageAs, request }) => {
  const u = unique();
  const common = { categoryCode: "TIDAK-TAHU", kelurahan: "Tanjung Uma", kecamatan: "Lubuk Baja" };
  const primary = await fileComplaint(request, {
    ...common,
    title: `Pohon tumbang menutup Jl. Yos Sudarso ${u}`,
    body: "Sebatang pohon besar tumbang dan menutup separuh badan Jl. Yos Sudarso sejak tadi pagi.",
  });
  const dupTitle = `Pohon tumbang tutup Jl. Yos Sudarso ${u}`;
  const duplicate = await fileComplaint(request, {
    ...common,
    title: dupTitle,
    body: "Pohon besar tumbang menutup sebagian Jl. Yos Sudarso, kendaraan harus memutar jauh.",
  });

  const coordinator = await pageAs("coordinator");
  await coordinator.goto(`/petugas/aduan/${duplicate.trackingCode}`);
  await expect(main(coordinator).getByRole("heading", { level: 1 })).toHaveText(dupTitle);
  // The page sets the likely duplicate beside it; one button merges, no code to type.
  const candidates = main(coordinator).getByRole("region", { name: "Kemungkinan duplikat" });
  const card = candidates.locator(`[data-candidate="${primary.trackingCode}"]`);
  await expect(card).toContainText("Aduan ini");
  await expect(card).toContainText(`Pohon tumbang menutup Jl. Yos Sudarso ${u}`);
  await expect(card).toContainText("Tanjung Uma, Kec. Lubuk Baja");
  await card.getByRole("button", { name: /^Gabungkan ke yang ini/ }).click();
  await expect(main(coordinator).getByRole("status")).toContainText(`Aduan ${duplicate.trackingCode} digabungkan ke ${primary.trackingCode}`);
  await expect(statusBadge(coordinator)).toHaveText("Diarsipkan");
  await expect(main(coordinator).getByRole("link", { name: `Digabungkan ke ${primary.trackingCode}` })).toBeVisible();

  // The primary lists its cluster; the duplicate's reporter follows the primary's progress, not "Diarsipkan".
  await coordinator.goto(`/petugas/aduan/${primary.trackingCode}`);
  await expect(main(coordinator).getByRole("region", { name: "Aduan yang digabungkan ke sini" })).toContainText(duplicate.trackingCode);
  const visitor = await pageAs("citizen");
  await visitor.goto(`/lacak/${duplicate.trackingCode}`);
  await expect(statusBadge(visitor)).toHaveText("Diterima");
  await expect(main(visitor)).toContainText(`Aduan ini digabung dengan aduan ${primary.trackingCode} yang sedang ditangani.`);
  await expect(main(visitor).getByRole("region", { name: `Perkembangan aduan ${primary.trackingCode}` })).toContainText("Aduan diterima melalui Situs web.");
  await expect(main(visitor).getByRole("link", { name: `Buka aduan ${primary.trackingCode}` })).toBeVisible();
  await shot(visitor, "merged-reporter");
  await visitor.setViewportSize({ width: 390, height: 844 });
  await shot(visitor, "merged-reporter-phone");

  // Undo: the duplicate is a complaint of its own again, back in the queue.
  await coordinator.goto(`/petugas/aduan/${duplicate.trackingCode}`);
  await act(coordinator, "Batalkan penggabungan");
  await expect(statusBadge(coordinator)).toHaveText("Diterima");
  await expect(main(coordinator).getByRole("link", { name: /Digabungkan ke/ })).toHaveCount(0);
  await coordinator.goto(`/petugas/aduan/${primary.trackingCode}`);
  await expect(main(coordinator).getByRole("region", { name: "Aduan yang digabungkan ke sini" })).toHaveCount(0);
  await visitor.reload();
  await expect(statusBadge(visitor)).toHaveText("Diterima");
  await expect(main(visitor).getByText(/digabung dengan aduan/)).toHaveCount(0);
  expect(await publicTimeline(visitor, duplicate.trackingCode)).toEqual([
    "Aduan diterima melalui Situs web.",
    "Aduan digabungkan dengan aduan serupa.",
    "Penggabungan dengan aduan lain dibatalkan.",
  ]);
  const row = await findInList(coordinator, "/petugas/antrean", dupTitle);
  await expect(row).toContainText(duplicate.trackingCode);
});
