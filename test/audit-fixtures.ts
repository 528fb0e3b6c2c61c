import { and, eq, like } from "drizzle-orm";
import type { Db } from "@/db/client";
import { complaints, opds, outbox, users } from "@/db/schema";
import { laporQuarantine } from "@/db/schema-lapor";
import { open311Clients } from "@/db/schema-open311";
import { smsMessages } from "@/db/schema-sms";
import type { Role } from "@/domain/complaint-status";
import { intakeComplaint } from "@/server/intake";
import { hashPassword } from "@/lib/passwords";
import { reference } from "@/server/reference";
import { handleInboundSms } from "@/server/sms/inbound";
import { validComplaint } from "./fixtures";

/** The password every probe account has (the "change my password" probe needs the current one). */
export const PROBE_PASSWORD = "sandi-lama-uji-123";

export type ProbeStaff = { id: number; email: string; role: Role; opdId: number | null; active: true; sessionEpoch: number; name: string };

let seq = 0;
const unique = () => `${Date.now().toString(36)}${(++seq).toString(36)}`;

/** What a probe may set up: real rows in the test database, made the way the app makes them. */
export function probeFixtures(db: Db, receipt: { set: (code: string | null) => void }) {
  return {
    db,
    unique,
    /** A form as the browser posts it. */
    form(fields: Record<string, string | string[] | Blob>): FormData {
      const f = new FormData();
      for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) f.append(k, one);
      return f;
    },
    /** A complaint submitted through the web form (it has a waiting "create in LAPOR" delivery). */
    async complaint(overrides: Record<string, unknown> = {}): Promise<{ id: number; code: string }> {
      const r = await intakeComplaint(db, { raw: validComplaint(overrides), channel: "web", region: "BTM", now: new Date() });
      return { id: r.complaintId!, code: r.trackingCode };
    },
    /** A complaint whose LAPOR delivery has died; returns the outbox row too. */
    async deadLetter(): Promise<{ id: number; code: string; outboxId: number }> {
      const c = await this.complaint();
      const [o] = await db.update(outbox).set({ status: "dead", lastError: "uji" }).where(and(eq(outbox.complaintId, c.id), like(outbox.topic, "lapor.%"))).returning({ id: outbox.id });
      return { ...c, outboxId: o!.id };
    },
    /** A complaint whose SMS to the reporter has died. */
    async deadSms(): Promise<number> {
      const c = await this.complaint();
      const [o] = await db
        .insert(outbox)
        .values({ topic: "sms.reporter_link", complaintId: c.id, payload: {}, status: "dead", attempts: 5, lastError: "gateway refused: 503" })
        .returning({ id: outbox.id });
      return o!.id;
    },
    /** An Open311 client (a key), made directly in the table. */
    async open311Client(): Promise<number> {
      const [c] = await db.insert(open311Clients).values({ name: `Klien ${unique()}`, rateLimit: 100, keyHash: `uji-${unique()}`, keyHint: "o311_uji" }).returning({ id: open311Clients.id });
      return c!.id;
    },
    async laporOutboxOf(complaintId: number): Promise<number> {
      const [o] = await db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.complaintId, complaintId), eq(outbox.topic, "lapor.create_complaint")));
      return o!.id;
    },
    async quarantine(): Promise<number> {
      const [q] = await db
        .insert(laporQuarantine)
        .values({ source: "GET /uji", adapterVersion: "v3", reason: "uji", raw: "{}", fingerprint: `uji-${unique()}` })
        .returning({ id: laporQuarantine.id });
      return q!.id;
    },
    /** An SMS the gateway delivered that landed in the inbox (no prefix). */
    async inboxSms(): Promise<number> {
      const text = `Pak, lampu jalan di Sekupang mati sudah seminggu ${unique()}`;
      await handleInboundSms(db, { from: "081355509999", to: "1708", text, gatewayId: null, binary: false }, { region: "BTM", perSenderPerHour: 0, now: new Date(), ref: await reference(db) });
      const [m] = await db.select({ id: smsMessages.id }).from(smsMessages).where(eq(smsMessages.text, text));
      return m!.id;
    },
    async account(role: Role = "auditor"): Promise<number> {
      const [u] = await db.insert(users).values({ email: `akun-${unique()}@pintu.test`, name: "Akun Uji", role, passwordHash: "x" }).returning({ id: users.id });
      return u!.id;
    },
    async complaintById(id: number) {
      return (await db.select().from(complaints).where(eq(complaints.id, id)))[0]!;
    },
    /** The sealed receipt cookie the slip page reads (the test's stand-in for the browser's cookie). */
    setReceipt: receipt.set,
  };
}
export type ProbeFixtures = ReturnType<typeof probeFixtures>;

/** One account per role; OPD roles in DISDUKCAPIL. */
export async function probeStaff(db: Db): Promise<Record<Role, ProbeStaff>> {
  const [opd] = await db.select({ id: opds.id }).from(opds).where(eq(opds.code, "DISDUKCAPIL"));
  const passwordHash = await hashPassword(PROBE_PASSWORD);
  const roles: Role[] = ["admin", "coordinator", "opd_officer", "opd_head", "auditor"];
  const out = {} as Record<Role, ProbeStaff>;
  for (const role of roles) {
    const opdId = role === "opd_officer" || role === "opd_head" ? opd!.id : null;
    const email = `probe-${role}-${unique()}@pintu.test`;
    const [u] = await db.insert(users).values({ email, name: `Probe ${role}`, role, opdId, passwordHash }).returning({ id: users.id });
    out[role] = { id: u!.id, email, role, opdId, active: true, sessionEpoch: 0, name: `Probe ${role}` };
  }
  return out;
}
