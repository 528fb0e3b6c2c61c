import { eq } from "drizzle-orm";
import { categories, externalInstitutions, kecamatan, kelurahan, opds } from "@/db/schema";
import { routingRules } from "@/db/schema-directory";
import type { Role } from "@/domain/complaint-status";
import type { ProbeFixtures } from "./audit-fixtures";

/**
 * Every server action (an exported function of a "use server" file under app/ or server/) and
 * every route handler that accepts POST, PUT, PATCH or DELETE, keyed "<file>#<export>", with
 * what it leaves in the audit log — server/audit-completeness.test.ts enumerates the code and
 * fails on any function missing here (or listed here and gone), then calls each audited one for
 * real against the database and expects exactly one new audit row of that action, with actor,
 * role and address.
 *
 * Adding a staff write: write its audit row with `writeAudit` (db/queries/audit.ts) in the same
 * transaction, then add it here with `audit` (the action name) and a `probe`: the role to act as
 * and the arguments to call it with (build rows with the fixtures). Only writes that are not
 * staff writes are `exempt`, with the reason.
 */
export type Probe = { as: Role; args: (f: ProbeFixtures) => Promise<unknown[]> };
export type RegistryEntry = { audit: string; probe: Probe } | { exempt: string };

export const AUDIT_REGISTRY: Record<string, RegistryEntry> = {
  // ── Public and citizen writes: not staff writes ────────────────────────────────────────────
  "app/(public)/lapor/actions.ts#submitComplaint": { exempt: "a citizen's complaint through the intake pipeline (rate-limited; its first event records it)" },
  "app/(public)/lapor/terkirim/actions.ts#sendMyLink": { exempt: "the citizen asks for their own link (rate-limited per complaint)" },
  "app/(public)/lacak/[code]/actions.ts#runReporterAction": { exempt: "the reporter's own action with their access key (a workflow event records it)" },
  "app/(public)/lacak/[code]/pelapor/actions.ts#requestRecoveryCode": { exempt: "the reporter asks for a one-time code (OTP, rate-limited)" },
  "app/(public)/lacak/[code]/pelapor/actions.ts#verifyRecoveryCode": { exempt: "the reporter enters the one-time code (OTP, rate-limited)" },
  "app/(public)/masuk/actions.ts#signInAction": { exempt: "sign-in; failures are kept in signin_failures and throttled" },
  "app/api/auth/[...nextauth]/route.ts#POST": { exempt: "sign-in and sign-out through next-auth; failures in signin_failures" },
  "app/api/v1/complaints/route.ts#POST": { exempt: "public JSON intake of a citizen's complaint (rate-limited)" },
  "app/open311/v2/[...path]/route.ts#POST": { exempt: "Open311 clients (keyed, rate-limited) filing citizens' requests and updates; the client is recorded with the complaint and the event" },
  "app/api/sms/inbound/route.ts#POST": { exempt: "the SMS gateway delivering a citizen's message (token-checked, rate-limited)" },
  "app/actions/locale.ts#setLocale": { exempt: "a language cookie; no database write" },
  // ── A staff member's own session and reading state: not a change to shared data ────────────
  "app/(staff)/petugas/actions.ts#signOutEverywhereAction": { exempt: "ends the user's own sessions on every device (session epoch), no shared data" },
  "app/(staff)/petugas/actions.ts#signOutAction": { exempt: "ends the user's own sessions (session epoch), no shared data" },
  "app/(staff)/petugas/notifikasi/actions.ts#markNotificationRead": { exempt: "the reader's own read marker on a notification" },
  "app/(staff)/petugas/notifikasi/actions.ts#markAllNotificationsRead": { exempt: "the reader's own read markers" },

  // ── Staff writes ───────────────────────────────────────────────────────────────────────────
  "app/(staff)/petugas/aduan/[code]/actions.ts#runStaffAction": {
    audit: "complaint.dispose",
    probe: { as: "coordinator", args: async (f) => [null, f.form({ code: (await f.complaint()).code, action: "dispose", opdCode: "DISDUKCAPIL" })] },
  },
  "app/(staff)/petugas/antrean/actions.ts#bulkQueueAction": {
    // Each ticked complaint is its own performAction, so one complaint leaves one audit row.
    audit: "complaint.dispose",
    probe: { as: "coordinator", args: async (f) => [f.form({ code: [(await f.complaint()).code], bulk: "dispose", opdCode: "DISDUKCAPIL", back: "/petugas/antrean" })] },
  },
  "app/(staff)/petugas/aduan/[code]/actions.ts#revealIdentity": {
    audit: "reveal_identity",
    probe: { as: "coordinator", args: async (f) => [f.form({ code: (await f.complaint({ anonymous: "1" })).code })] },
  },
  "app/(staff)/petugas/aduan/[code]/actions.ts#retryLaporDelivery": {
    audit: "lapor.retry",
    probe: { as: "coordinator", args: async (f) => { const d = await f.deadLetter(); return [f.form({ code: d.code, id: String(d.outboxId) })]; } },
  },
  "app/(staff)/petugas/aduan/baru/actions.ts#enterComplaint": {
    audit: "complaint.enter",
    probe: {
      as: "coordinator",
      args: async (f) => [
        { status: "idle" },
        f.form({ channel: "walk_in", title: "Lampu jalan mati di depan pasar", body: `Lampu jalan di depan pasar mati sejak seminggu, gelap sekali malam hari ${f.unique()}`, kecamatan: "Batam Kota", kelurahan: "Baloi Permai", reporterName: "Budi" }),
      ],
    },
  },
  "app/(staff)/petugas/aduan/baru/slip/actions.ts#sendSlipSms": {
    audit: "reporter.send_link",
    probe: { as: "coordinator", args: async (f) => { f.setReceipt((await f.complaint()).code); return []; } },
  },
  "app/(staff)/petugas/akun/actions.ts#changePassword": {
    audit: "user.change_password",
    probe: { as: "auditor", args: async (f) => [null, f.form({ current: "sandi-lama-uji-123", next: "sandi-baru-uji-456", confirm: "sandi-baru-uji-456" })] },
  },
  "app/(staff)/petugas/akun/actions.ts#setNotifyEmail": {
    audit: "user.notify_email",
    probe: { as: "opd_officer", args: async (f) => [f.form({ notifyEmail: "daily" })] },
  },
  "app/(staff)/petugas/pengguna/actions.ts#createAccountAction": {
    audit: "user.create",
    probe: { as: "admin", args: async (f) => [null, f.form({ email: `baru-${f.unique()}@pintu.test`, name: "Petugas Baru", role: "auditor" })] },
  },
  "app/(staff)/petugas/pengguna/actions.ts#resetPasswordAction": {
    audit: "user.reset_password",
    probe: { as: "admin", args: async (f) => [null, f.form({ userId: String(await f.account()) })] },
  },
  "app/(staff)/petugas/pengguna/actions.ts#setActiveAction": {
    audit: "user.deactivate",
    probe: { as: "admin", args: async (f) => [null, f.form({ userId: String(await f.account()), active: "0" })] },
  },
  "app/(staff)/petugas/kalender/actions.ts#addDayAction": {
    audit: "calendar.add",
    probe: { as: "admin", args: async (f) => [null, f.form({ day: "2033-08-08", name: "Libur uji", kind: "local" })] },
  },
  "app/(staff)/petugas/kalender/actions.ts#removeDayAction": {
    audit: "calendar.remove",
    // 17 August is in the seeded national calendar.
    probe: { as: "admin", args: async (f) => [null, f.form({ day: "2026-08-17" })] },
  },
  "app/(staff)/petugas/kalender/actions.ts#savePolicyAction": {
    audit: "sla_policy.set",
    probe: { as: "admin", args: async (f) => [null, f.form({ category: "ADMINDUK", verification: "2", firstResponse: "", resolution: "", autoClose: "" })] },
  },
  "app/(staff)/petugas/integrasi/actions.ts#retryDeadAction": {
    audit: "lapor.retry",
    probe: { as: "coordinator", args: async (f) => [f.form({ id: String((await f.deadLetter()).outboxId) })] },
  },
  "app/(staff)/petugas/integrasi/actions.ts#resolveQuarantineAction": {
    audit: "lapor.quarantine_resolve",
    probe: { as: "coordinator", args: async (f) => [null, f.form({ id: String(await f.quarantine()) })] },
  },
  "app/(staff)/petugas/integrasi/actions.ts#reconcileAction": { audit: "lapor.reconcile", probe: { as: "coordinator", args: async (f) => [null, f.form({})] } },
  "app/(staff)/petugas/integrasi/actions.ts#markEnteredAction": {
    audit: "lapor.mark_entered",
    probe: { as: "coordinator", args: async (f) => [null, f.form({ id: String(await f.laporOutboxOf((await f.complaint()).id)) })] },
  },
  "app/(staff)/petugas/integrasi/actions.ts#importAction": {
    audit: "lapor.import",
    // One row LAPOR's export has but that cannot be imported: the summary is still audited (a
    // complaint it creates would add its own "complaint.enter").
    probe: {
      as: "coordinator",
      args: async (f) => [null, f.form({ file: new File([JSON.stringify({ results: { data: [{ id: "bad id!", title: "Lampu jalan mati", content: "pendek" }] } })], "lapor.json", { type: "application/json" }) })],
    },
  },
  "app/(staff)/petugas/integrasi/actions.ts#setMappingAction": {
    audit: "lapor.mapping_set",
    probe: { as: "admin", args: async (f) => [null, f.form({ kind: "category", localCode: "ADMINDUK", laporId: `C-${f.unique()}` })] },
  },
  "app/(staff)/petugas/sms-masuk/actions.ts#convertSms": {
    audit: "complaint.enter",
    probe: { as: "coordinator", args: async (f) => { const id = await f.inboxSms(); return [null, f.form({ id: String(id), title: "Lampu jalan mati", body: "Lampu jalan di Sekupang mati sudah seminggu, mohon diperbaiki" })]; } },
  },
  "app/(staff)/petugas/sms-masuk/actions.ts#dismissSms": {
    audit: "sms.dismiss",
    probe: { as: "coordinator", args: async (f) => [f.form({ id: String(await f.inboxSms()) })] },
  },
  // ── Directory (/petugas/direktori): administrators only; every write versioned and audited ──
  "app/(staff)/petugas/direktori/actions.ts#saveOpdAction": {
    audit: "directory.opd.create",
    probe: { as: "admin", args: async (f) => [null, f.form({ form: "new", code: `AUDIT-${f.unique()}`, name: "Dinas Uji Audit", kind: "opd" })] },
  },
  "app/(staff)/petugas/direktori/actions.ts#opdActiveAction": {
    audit: "directory.opd.deactivate",
    probe: { as: "admin", args: async (f) => [null, f.form({ id: String(await directoryRow(f, "opd")), active: "0" })] },
  },
  "app/(staff)/petugas/direktori/actions.ts#saveCategoryAction": {
    audit: "directory.category.create",
    probe: { as: "admin", args: async (f) => [null, f.form({ form: "new", code: `AUDIT-${f.unique()}`, name: "Kategori Uji Audit", keywords: "uji audit" })] },
  },
  "app/(staff)/petugas/direktori/actions.ts#categoryActiveAction": {
    audit: "directory.category.deactivate",
    probe: { as: "admin", args: async (f) => [null, f.form({ id: String(await directoryRow(f, "category")), active: "0" })] },
  },
  "app/(staff)/petugas/direktori/actions.ts#keywordsAction": {
    audit: "directory.category.update",
    probe: { as: "admin", args: async (f) => [null, f.form({ form: "keywords", id: String(await directoryRow(f, "category")), keywords: "satu, dua" })] },
  },
  "app/(staff)/petugas/direktori/actions.ts#saveInstitutionAction": {
    audit: "directory.institution.create",
    probe: { as: "admin", args: async (f) => [null, f.form({ form: "new", code: `AUDIT-${f.unique()}`, name: "Lembaga Uji Audit" })] },
  },
  "app/(staff)/petugas/direktori/actions.ts#institutionActiveAction": {
    audit: "directory.institution.deactivate",
    probe: { as: "admin", args: async (f) => [null, f.form({ id: String(await directoryRow(f, "institution")), active: "0" })] },
  },
  "app/(staff)/petugas/direktori/actions.ts#addAreaAction": {
    audit: "directory.kecamatan.create",
    probe: { as: "admin", args: async (f) => [null, f.form({ form: "new", name: `Kecamatan Uji ${f.unique()}` })] },
  },
  "app/(staff)/petugas/direktori/actions.ts#renameAreaAction": {
    audit: "directory.kecamatan.update",
    probe: { as: "admin", args: async (f) => [null, f.form({ form: "rename", level: "kecamatan", id: String(await directoryRow(f, "kecamatan")), name: `Kecamatan Baru ${f.unique()}` })] },
  },
  "app/(staff)/petugas/direktori/actions.ts#areaActiveAction": {
    audit: "directory.kecamatan.deactivate",
    probe: { as: "admin", args: async (f) => [null, f.form({ level: "kecamatan", id: String(await directoryRow(f, "kecamatan")), active: "0" })] },
  },
  "app/(staff)/petugas/direktori/actions.ts#mergeAreaAction": {
    audit: "directory.kelurahan.merge",
    probe: {
      as: "admin",
      args: async (f) => {
        const kec = await directoryRow(f, "kecamatan");
        const [a, b] = await f.db.insert(kelurahan).values([{ kecamatanId: kec, name: "Kelurahan A" }, { kecamatanId: kec, name: "Kelurahan B" }]).returning({ id: kelurahan.id });
        return [null, f.form({ form: "merge", level: "kelurahan", id: String(a!.id), into: String(b!.id) })];
      },
    },
  },
  "app/(staff)/petugas/direktori/actions.ts#saveRuleAction": {
    audit: "directory.routing_rule.create",
    probe: { as: "admin", args: async (f) => [null, f.form({ form: "new", area: `kec:${await directoryRow(f, "kecamatan")}`, categoryCode: "JALAN", target: "opd:BINAMARGA" })] },
  },
  "app/(staff)/petugas/direktori/actions.ts#ruleActiveAction": {
    audit: "directory.routing_rule.deactivate",
    probe: {
      as: "admin",
      args: async (f) => {
        const [opd] = await f.db.select({ id: opds.id }).from(opds).where(eq(opds.code, "BINAMARGA"));
        const [rule] = await f.db.insert(routingRules).values({ kecamatanId: await directoryRow(f, "kecamatan"), opdId: opd!.id }).returning({ id: routingRules.id });
        return [null, f.form({ id: String(rule!.id), active: "0" })];
      },
    },
  },
  "app/(staff)/petugas/sms-masuk/actions.ts#retryChannelAction": {
    audit: "sms.retry",
    probe: { as: "coordinator", args: async (f) => [f.form({ channel: "sms", id: String(await f.deadSms()) })] },
  },
  "app/(staff)/petugas/open311/actions.ts#createKeyAction": {
    audit: "open311.key_create",
    probe: { as: "admin", args: async (f) => [null, f.form({ name: `Klien uji ${f.unique()}`, rateLimit: "100" })] },
  },
  "app/(staff)/petugas/open311/actions.ts#updateKeyAction": {
    audit: "open311.key_update",
    probe: { as: "admin", args: async (f) => [null, f.form({ clientId: String(await f.open311Client()), name: `Klien diubah ${f.unique()}`, rateLimit: "50" })] },
  },
  "app/(staff)/petugas/open311/actions.ts#revokeKeyAction": {
    audit: "open311.key_revoke",
    probe: { as: "admin", args: async (f) => [f.form({ clientId: String(await f.open311Client()) })] },
  },
  "app/(staff)/petugas/templat/actions.ts#saveTemplateAction": {
    audit: "template.create",
    probe: { as: "opd_head", args: async (f) => [null, f.form({ purpose: "respond", title: "Jawaban KTP selesai", bodyId: "Yth. {nama}, aduan {kode} sudah kami selesaikan.", bodyEn: "", categoryCode: "", active: "1" })] },
  },
};

/** A fresh directory row of a kind for a probe to change (so probes never touch the seeded data). */
async function directoryRow(f: ProbeFixtures, kind: "opd" | "category" | "institution" | "kecamatan"): Promise<number> {
  const u = `UJI-${f.unique()}`.toUpperCase();
  const [row] =
    kind === "opd"
      ? await f.db.insert(opds).values({ code: u, name: `Dinas ${u}` }).returning({ id: opds.id })
      : kind === "category"
        ? await f.db.insert(categories).values({ code: u, name: `Kategori ${u}` }).returning({ id: categories.id })
        : kind === "institution"
          ? await f.db.insert(externalInstitutions).values({ code: u, name: `Lembaga ${u}` }).returning({ id: externalInstitutions.id })
          : await f.db.insert(kecamatan).values({ name: `Kecamatan ${u}` }).returning({ id: kecamatan.id });
  return row!.id;
}

/**
 * Reads that hand out personal data are audited too (not enumerated by method: the test checks
 * these still exist and calls each). Key as above; the probe's args are the route's arguments.
 */
export const AUDITED_READS: Record<string, { audit: string; probe: Probe }> = {
  "app/(staff)/petugas/audit/data.csv/route.ts#GET": {
    audit: "audit.export",
    probe: { as: "auditor", args: async () => [new Request("http://pintu.test/petugas/audit/data.csv?jenis=user")] },
  },
  "app/(staff)/petugas/antrean/data.csv/route.ts#GET": {
    audit: "list.export",
    probe: { as: "coordinator", args: async () => [new Request("http://pintu.test/petugas/antrean/data.csv")] },
  },
  "app/(staff)/petugas/kotak-masuk/data.csv/route.ts#GET": {
    audit: "list.export",
    probe: { as: "opd_officer", args: async () => [new Request("http://pintu.test/petugas/kotak-masuk/data.csv?status=all")] },
  },
  "app/(staff)/petugas/cari/data.csv/route.ts#GET": {
    audit: "list.export",
    probe: { as: "coordinator", args: async () => [new Request("http://pintu.test/petugas/cari/data.csv?q=lampu")] },
  },
  "app/(staff)/petugas/integrasi/manual/ekspor/route.ts#GET": {
    audit: "lapor.export",
    probe: { as: "coordinator", args: async () => [new Request("http://pintu.test/petugas/integrasi/manual/ekspor?format=csv")] },
  },
};
