import { fileComplaint, jakartaDate, unique } from "./support/data";
import { capturedMail, waitForMail } from "./support/mailbox";
import { MAIN_PORT } from "./support/servers";
import { act, expect, findInList, main, OPD, publicTimeline, STAFF, statusBadge, test } from "./support/staff";

/**
 * Issue 13 items 4–6 in the browser: staff are told what is new (bell, notifications page, the
 * inbox's "new" marks, "assigned to you", e-mail), never about another OPD's complaint and never
 * with an anonymous reporter's identity; the OPD's progress update; specific feedback after each
 * action, the next complaint in the queue, and the officer told which complaint went back and why.
 * Suspected duplicates are flagged in the queue (the merge itself: staff-journey.spec.ts).
 */

const shot = async (page: import("@playwright/test").Page, name: string) =>
  page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test("a disposition, an assignment, a progress update and a return reach the right people, and only them @phone", async ({ pageAs, request }) => {
  test.setTimeout(240_000);
  const u = unique();
  // (Not with the unique suffix: an anonymous reporter's name typed anywhere is hidden from the OPD, the title included.)
  const secretName = "Wulandari Rahasiawati";
  const title = `Akta kelahiran salah nama ${u}`;
  const filed = await fileComplaint(request, {
    title,
    body: "Nama anak pada akta kelahiran salah ketik, mohon dibetulkan sebelum pendaftaran sekolah.",
    categoryCode: "ADMINDUK",
    anonymous: true,
    reporterName: secretName,
    reporterPhone: "081299887766",
  });
  const code = filed.trackingCode;

  // The coordinator disposes it: the feedback names the complaint and the OPD, and offers the next one.
  const coordinator = await pageAs("coordinator");
  await coordinator.goto(`/petugas/aduan/${code}`);
  await act(coordinator, "Verifikasi dan teruskan ke OPD", { "OPD tujuan": "DISDUKCAPIL" });
  const done = main(coordinator).getByRole("status");
  await expect(done).toContainText(`Aduan ${code} diteruskan ke ${OPD.DISDUKCAPIL}.`);
  await expect(done.getByRole("link", { name: /^Berikutnya di antrean: BTM-/ }).or(done.getByText("Antrean kosong"))).toBeVisible();
  await shot(coordinator, "coordinator-feedback");

  // Disdukcapil's officer: the bell counts it, the notifications page says it in bold, the inbox marks it new.
  const officer = await pageAs("disdukcapil");
  await officer.goto("/petugas/notifikasi");
  const note = main(officer).getByRole("listitem").filter({ hasText: `${code} diteruskan ke OPD Anda (${OPD.DISDUKCAPIL})` });
  await expect(note).toBeVisible();
  await expect(note).toContainText("Belum dibaca");
  await expect(main(officer)).not.toContainText(secretName);
  await shot(officer, "officer-notifications");
  const row = await findInList(officer, "/petugas/kotak-masuk", title);
  await expect(row).toHaveAttribute("data-unread", "1");
  await expect(row).toContainText("Baru: baru masuk");
  await shot(officer, "officer-inbox-new");

  // Bina Marga's officer hears nothing of it.
  const other = await pageAs("binamarga");
  await other.goto("/petugas/notifikasi");
  await expect(main(other)).not.toContainText(code);

  // E-mail: Disdukcapil's staff get one; Bina Marga's none; no identity in it.
  const mail = await waitForMail(MAIN_PORT, STAFF.disdukcapil.email, (m) => m.body.includes(code));
  expect(mail.subject).toContain(`${code} diteruskan ke OPD Anda`);
  expect(mail.body).not.toContain(secretName);
  expect(capturedMail(MAIN_PORT).filter((m) => m.to === STAFF.binamarga.email && m.body.includes(code))).toEqual([]);

  // The head assigns it: the officer sees "assigned to you" in the inbox.
  const head = await pageAs("kepala-disdukcapil");
  await head.goto(`/petugas/aduan/${code}`);
  await act(head, "Tugaskan ke petugas", { Petugas: `${STAFF.disdukcapil.name} (Petugas OPD)` });
  await expect(main(head).getByRole("status")).toContainText(`Aduan ${code} ditugaskan kepada ${STAFF.disdukcapil.name}.`);
  const assigned = await findInList(officer, "/petugas/kotak-masuk", title);
  await expect(assigned).toContainText("Ditugaskan kepada Anda");
  await expect(assigned).toContainText("Baru: ditugaskan kepada Anda");
  await officer.goto("/petugas/notifikasi");
  await expect(main(officer).getByRole("listitem").filter({ hasText: `${code} ditugaskan kepada Anda` })).toBeVisible();

  // Opening the complaint is looking at it: the inbox no longer marks it.
  await officer.goto(`/petugas/aduan/${code}`);
  const seen = await findInList(officer, "/petugas/kotak-masuk", title);
  await expect(seen).not.toHaveAttribute("data-unread", "1");
  await expect(seen).toContainText("Ditugaskan kepada Anda");

  // Accept, then a progress update with an expected day: the status stays, the reporter reads it.
  await officer.goto(`/petugas/aduan/${code}`);
  await act(officer, "Terima dan tindak lanjuti");
  await expect(main(officer).getByRole("status")).toContainText(`Aduan ${code} Anda terima`);
  const progress = "Berkas perbaikan akta sudah kami terima dan sedang diproses di bagian pencatatan sipil.";
  await act(officer, "Kirim perkembangan penanganan", { Pesan: progress, "Perkiraan selesai (opsional; paling lambat batas waktu penyelesaian)": jakartaDate(1) });
  await expect(main(officer).getByRole("status")).toHaveText(`Perkembangan penanganan aduan ${code} dikirim ke pelapor; jam layanan tetap berjalan.`);
  await expect(statusBadge(officer)).toHaveText("Sedang ditindaklanjuti");
  await shot(officer, "officer-progress-done");
  const timeline = await publicTimeline(officer, code);
  expect(timeline.at(-1)).toContain(`Instansi menyampaikan perkembangan penanganan. ${progress}`);
  expect(timeline.at(-1)).toContain("Perkiraan selesai:");

  // The date field offers only today up to the resolution deadline (the server checks it too).
  await officer.goto(`/petugas/aduan/${code}`);
  const expected = main(officer).getByLabel("Perkiraan selesai (opsional; paling lambat batas waktu penyelesaian)");
  await expect(expected).toHaveAttribute("min", jakartaDate(0));
  await expect(expected).toHaveAttribute("max", /^\d{4}-\d{2}-\d{2}$/);

  // "Bukan wewenang": the officer lands in the inbox told which complaint went back and why.
  await officer.goto(`/petugas/aduan/${code}`);
  const reason = "Perbaikan nama pada akta anak ini wewenang Pengadilan Negeri, bukan Disdukcapil.";
  await act(officer, "Kembalikan: bukan wewenang", { Alasan: reason }, null);
  await expect(officer).toHaveURL(/\/petugas\/kotak-masuk\?dikembalikan=/);
  const back = main(officer).getByRole("status");
  await expect(back).toContainText(`Aduan ${code} sudah dikembalikan ke tim koordinasi.`);
  await expect(back).toContainText(reason);
  await shot(officer, "officer-returned");
  // And no longer sees any notification about it.
  await officer.goto("/petugas/notifikasi");
  await expect(main(officer)).not.toContainText(code);

  // The coordinators are told it came back, by whom and why.
  await coordinator.goto("/petugas/notifikasi");
  await expect(main(coordinator).getByRole("listitem").filter({ hasText: `${code} dikembalikan oleh ${OPD.DISDUKCAPIL} (bukan wewenang): ${reason}` })).toBeVisible();
  await shot(coordinator, "coordinator-notifications");
});

test("suspected duplicates are flagged in the queue, and 'next in queue' carries the coordinator on @phone", async ({ pageAs, request }) => {
  test.setTimeout(180_000);
  const u = unique();
  const common = { categoryCode: "TIDAK-TAHU", kelurahan: "Tanjung Uma", kecamatan: "Lubuk Baja" };
  const first = await fileComplaint(request, { ...common, title: `Saluran air tersumbat di Jl. Gajah Mada ${u}`, body: "Saluran air di tepi Jl. Gajah Mada tersumbat sampah sehingga air meluap ke jalan." });
  const secondTitle = `Saluran air tersumbat Jl. Gajah Mada ${u}`;
  const second = await fileComplaint(request, { ...common, title: secondTitle, body: "Got di Jl. Gajah Mada mampet, air meluap setiap hujan." });

  const coordinator = await pageAs("coordinator");
  // The worker stores the suspicion just after intake (the duplicates.flag job): the queue shows it a moment later.
  await expect(async () => {
    const row = await findInList(coordinator, "/petugas/antrean", secondTitle);
    await expect(row.getByRole("link", { name: `Diduga duplikat ${first.trackingCode}` })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await shot(coordinator, "queue-duplicate-flag");
  // The suspicion is stored, so it is also a filter (other runs' look-alikes may be listed too).
  const suspected = await findInList(coordinator, "/petugas/antrean?flag=duplicate&sort=newest", secondTitle);
  const filteredFlag = suspected.getByRole("link", { name: `Diduga duplikat ${first.trackingCode}` });
  await expect(filteredFlag).toBeVisible();
  await filteredFlag.click();
  await expect(coordinator).toHaveURL(new RegExp(`/petugas/aduan/${second.trackingCode}#dup-h$`));
  const candidates = main(coordinator).getByRole("region", { name: "Kemungkinan duplikat" });
  await expect(candidates.locator(`[data-candidate="${first.trackingCode}"]`).getByRole("button", { name: /^Gabungkan ke yang ini/ })).toBeVisible();
  await shot(coordinator, "duplicate-side-by-side");

  // "Next in queue" automatically: after disposing, the next complaint opens with what was done.
  const details = main(coordinator).locator("details").filter({ has: coordinator.locator("summary", { hasText: /^Verifikasi dan teruskan ke OPD$/ }) });
  await details.locator("summary").click();
  await details.getByLabel("OPD tujuan", { exact: true }).selectOption("BINAMARGA");
  await details.getByLabel("Setelah ini, langsung buka aduan berikutnya di antrean").check();
  await details.getByRole("button", { name: "Verifikasi dan teruskan ke OPD" }).click();
  await expect(coordinator).toHaveURL(new RegExp(`/petugas/aduan/BTM-\\w{8}\\?dari=${second.trackingCode}&done=dispose`));
  await expect(main(coordinator).getByRole("status")).toContainText(`Sebelumnya: Aduan ${second.trackingCode} diteruskan ke ${OPD.BINAMARGA}.`);
  await shot(coordinator, "next-in-queue");
  // The choice is remembered for the next complaint.
  await main(coordinator).locator("details").filter({ hasText: "Verifikasi dan teruskan ke OPD" }).locator("summary").click();
  await expect(main(coordinator).getByLabel("Setelah ini, langsung buka aduan berikutnya di antrean").first()).toBeChecked();
  await coordinator.goto(`/petugas/aduan/${second.trackingCode}`);
  await expect(statusBadge(coordinator)).toHaveText("Diteruskan ke instansi");
});

test("a staff member chooses a daily digest instead of one e-mail per notification", async ({ pageAs }) => {
  const auditor = await pageAs("auditor");
  await auditor.goto("/petugas/akun");
  const group = () => main(auditor).getByRole("group", { name: "Notifikasi email" });
  await expect(group().getByLabel("Setiap notifikasi, langsung")).toBeChecked();
  await group().getByLabel("Ringkasan harian (sekali sehari, pagi hari)").check();
  await main(auditor).getByRole("button", { name: "Simpan pilihan" }).click();
  await expect(main(auditor).getByRole("status")).toHaveText("Pilihan notifikasi tersimpan.");
  await expect(group().getByLabel("Ringkasan harian (sekali sehari, pagi hari)")).toBeChecked();
  await shot(auditor, "account-notify-email");
  await auditor.setViewportSize({ width: 390, height: 844 });
  await shot(auditor, "account-notify-email-phone");
  // Back to one e-mail each, as the other specs expect.
  await group().getByLabel("Setiap notifikasi, langsung").check();
  await main(auditor).getByRole("button", { name: "Simpan pilihan" }).click();
  await expect(group().getByLabel("Setiap notifikasi, langsung")).toBeChecked();
});
