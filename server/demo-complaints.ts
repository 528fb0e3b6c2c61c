import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { complaints, users } from "@/db/schema";
import type { Action } from "@/domain/workflow";
import { intakeComplaint } from "./intake";
import { performAction, type ActingParty } from "./workflow/perform";

type Step = { action: Action; as: string | "reporter"; input?: Record<string, unknown> };
/** `daysAgo`: filed that long ago (else an hour or so ago), so the SLA clocks have something to show. */
type Demo = { raw: Record<string, unknown>; steps: Step[]; daysAgo?: number };

const DEMOS: Demo[] = [
  { raw: { title: "Jalan berlubang di Jl. Ahmad Yani depan SD", body: "Lubang besar di tengah jalan sudah dua minggu, sudah ada pengendara motor yang jatuh saat hujan.", categoryCode: "JALAN", kelurahan: "Teluk Tering", address: "Jl. Ahmad Yani" }, steps: [] },
  { raw: { title: "Sampah menumpuk di dekat pasar", body: "Sampah tidak diangkut sejak seminggu, baunya sampai ke rumah warga dan mengundang lalat.", categoryCode: "TIDAK-TAHU", kelurahan: "Sungai Jodoh", reporterName: "Warga Sungai Jodoh", reporterPhone: "081234500001", anonymous: true }, steps: [] },
  {
    raw: { title: "KTP-el belum dicetak sejak Agustus", body: "Saya sudah rekam KTP-el sejak Agustus tetapi belum juga dicetak, katanya blangko habis.", categoryCode: "ADMINDUK", kelurahan: "Belian", reporterName: "Rina", reporterPhone: "081234500002" },
    steps: [{ action: "dispose", as: "koordinator@pintu.test", input: { opdCode: "DISDUKCAPIL" } }],
  },
  {
    raw: { title: "Drainase tersumbat menyebabkan banjir", body: "Setiap hujan deras air meluap ke rumah warga karena parit tersumbat lumpur dan sampah.", categoryCode: "JALAN", kelurahan: "Tembesi" },
    steps: [
      { action: "dispose", as: "koordinator@pintu.test", input: { opdCode: "BINAMARGA" } },
      { action: "accept", as: "binamarga@pintu.test" },
    ],
  },
  {
    raw: { title: "Akta kelahiran anak belum selesai", body: "Pengajuan akta kelahiran anak saya sudah sebulan lebih belum selesai tanpa kabar.", categoryCode: "ADMINDUK", kelurahan: "Baloi Permai", reporterEmail: "warga@example.test" },
    steps: [
      { action: "dispose", as: "koordinator@pintu.test", input: { opdCode: "DISDUKCAPIL" } },
      { action: "accept", as: "disdukcapil@pintu.test" },
      { action: "respond", as: "disdukcapil@pintu.test", input: { message: "Akta kelahiran sudah selesai dicetak dan dapat diambil di kantor Disdukcapil dengan membawa bukti pengajuan." } },
    ],
  },
  {
    // Three weeks old and never answered: the first-response deadline has passed, so the sweep
    // notifies Disdukcapil's head and the coordinator (and the SLA board has a breach to show).
    raw: { title: "Kartu keluarga belum diperbarui setelah pindah alamat", body: "Sudah tiga minggu saya mengajukan perubahan alamat di kartu keluarga, belum ada kabar sama sekali.", categoryCode: "ADMINDUK", kelurahan: "Sukajadi", reporterName: "Hendra", reporterPhone: "081234500003" },
    steps: [{ action: "dispose", as: "koordinator@pintu.test", input: { opdCode: "DISDUKCAPIL" } }],
    daysAgo: 21,
  },
];

/** A few complaints in different states so every workspace has something to show; only on an empty database. */
export async function seedDemoComplaints(db: Db, region: string, now = new Date()): Promise<void> {
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(complaints)) as [{ n: number }];
  if (n > 0) return;
  const staff = await db.select({ id: users.id, email: users.email, role: users.role, opdId: users.opdId }).from(users);
  for (const [i, demo] of DEMOS.entries()) {
    const at = new Date(now.getTime() - (demo.daysAgo ? demo.daysAgo * 86_400_000 : (DEMOS.length - i) * 3_600_000));
    const receipt = await intakeComplaint(db, { raw: demo.raw, channel: i === 1 ? "walk_in" : "web", region, now: at });
    for (const step of demo.steps) {
      const u = staff.find((s) => s.email === step.as);
      if (!u) continue;
      const party: ActingParty = { kind: "staff", userId: u.id, role: u.role, opdId: u.opdId };
      await performAction(db, { trackingCode: receipt.trackingCode, action: step.action, party, input: step.input ?? {}, now: at });
    }
  }
}
