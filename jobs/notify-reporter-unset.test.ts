import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox, users } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { reference } from "@/server/reference";
import { handleInboundSms } from "@/server/sms/inbound";
import { performAction } from "@/server/workflow/perform";
import "./notify-reporter";
import { drainOnce } from "@/queue/run";

delete process.env.SMS_OUTBOUND_URL;
delete process.env.SMTP_URL;

describe.each(testDatabases().slice(0, 1))("notifications without a gateway on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t?.dispose());

  it("logs the SMS it would send, without the number, and marks it done", async () => {
    const ref = await reference(t.db);
    const r = await handleInboundSms(t.db, { from: "081366001122", to: null, text: "BTM Pohon tumbang menutup jalan di Tiban Indah", gatewayId: null, binary: false }, { region: "BTM", perSenderPerHour: 0, now: new Date(), ref });
    const [u] = await t.db.insert(users).values({ email: "k@pintu.test", name: "K", passwordHash: "x", role: "coordinator" }).returning();
    await performAction(t.db, { trackingCode: r.trackingCode!, action: "dispose", party: { kind: "staff", userId: u!.id, role: "coordinator", opdId: null }, input: { opdCode: "DISDUKCAPIL" }, now: new Date() });
    const lines: string[] = [];
    await drainOnce(t.db, { log: (msg, fields) => void lines.push(JSON.stringify({ msg, ...fields })), topics: ["notify.reporter", "sms.notify", "email.notify"] });
    const line = lines.find((l) => l.includes("sms notification not sent"));
    expect(line).toContain(r.trackingCode!);
    expect(line).toContain("diteruskan ke Dinas Kependudukan dan Pencatatan Sipil");
    expect(lines.join("\n")).not.toContain("81366001122");
    const [row] = await t.db.select().from(outbox).where(eq(outbox.topic, "sms.notify"));
    expect(row).toMatchObject({ status: "done", result: { logged: true } });
  });
});
