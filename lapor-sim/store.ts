/**
 * The simulator's own in-memory LAPOR: complaints, follow-ups, uploaded files and a log of every
 * write it received (so tests can count what LAPOR got). Nothing here knows about Pintu.
 */

export type SimAttachment = { id: number; name: string; mime: string; url: string };
export type SimComplaint = {
  id: number;
  tracking_id: string;
  title: string;
  content: string;
  channel: string;
  classification_id: number;
  category_id: string | null;
  location_id: string | null;
  location_name: string | null;
  date_of_incident: string | null;
  is_anonymous: boolean;
  is_secret: boolean;
  reporter: { name: string; phone: string | null; email: string | null } | null;
  status_code: number;
  /** The institution it is currently disposed to. */
  disposition_id: string;
  attachments: SimAttachment[];
  created_at: Date;
  updated_at: Date;
  /** Who created it: a citizen in LAPOR, or an institution through the API. */
  origin: "lapor" | "institution";
};
export type SimFollowup = {
  id: number;
  complaint_id: number;
  created_at: Date;
  institution_from_id: string | null;
  institution_to_id: string | null;
  institution_from_name: string | null;
  institution_to_name: string | null;
  content: string;
  status_old: number;
  status_new: number;
  template_code: string | null;
  rating: number | null;
  author_type: "institution" | "reporter";
  is_secret: boolean;
  attachment_ids: number[];
};
export type SimFile = { id: number; name: string; mime: string; bytes: Uint8Array };
export type Received = { at: Date; call: string; complaintId: number | null; fields: Record<string, string> };

export const STATUS_NAMES: Record<number, string> = {
  0: "Belum Diverifikasi",
  1: "Diverifikasi",
  2: "Didisposisikan",
  3: "Ditindaklanjuti",
  4: "Selesai",
  5: "Diarsipkan",
  6: "Dialihkan",
};

/** A 1×1 PNG, so attachments pass a real content check. */
export const TINY_PNG = Uint8Array.from(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"),
);

const TOPICS = [
  ["Jalan berlubang", "Jalan di depan rumah kami berlubang cukup dalam dan membahayakan pengendara motor, mohon segera diperbaiki."],
  ["Sampah menumpuk", "Sampah di TPS dekat pasar sudah tiga hari tidak diangkut dan menimbulkan bau tidak sedap bagi warga."],
  ["Lampu jalan mati", "Lampu penerangan jalan umum di sepanjang jalan ini mati sejak minggu lalu sehingga rawan kejahatan."],
  ["Pelayanan KTP lambat", "Pengurusan KTP-el di kantor kecamatan sudah lebih dari sebulan belum selesai tanpa kejelasan."],
  ["Drainase tersumbat", "Parit di lingkungan kami tersumbat sehingga air meluap ke jalan setiap kali hujan deras turun."],
] as const;

export class SimStore {
  complaints = new Map<number, SimComplaint>();
  followups: SimFollowup[] = [];
  files = new Map<number, SimFile>();
  received: Received[] = [];
  private seq = { complaint: 100000, followup: 500000, file: 900000 };

  constructor(
    readonly institutionId: string,
    readonly institutionName: string,
    readonly externals: { id: string; name: string }[],
    private baseUrl: () => string,
  ) {}

  /**
   * Moves every id counter to at least `base`. The in-process demo simulator forgets everything
   * on restart while Pintu's database remembers LAPOR ids: new ids must never repeat old ones.
   */
  startIdsAt(base: number): void {
    this.seq.complaint = Math.max(this.seq.complaint, base);
    this.seq.followup = Math.max(this.seq.followup, base);
    this.seq.file = Math.max(this.seq.file, base);
  }

  reset(): void {
    this.complaints.clear();
    this.followups = [];
    this.files.clear();
    this.received = [];
  }

  /** The simulator's clock (one place, should a test ever need to move it). */
  now(): Date {
    return new Date();
  }

  addFile(name: string, mime: string, bytes: Uint8Array): SimFile {
    const f = { id: ++this.seq.file, name, mime, bytes };
    this.files.set(f.id, f);
    return f;
  }

  attachmentOf(f: SimFile): SimAttachment {
    return { id: f.id, name: f.name, mime: f.mime, url: `${this.baseUrl()}/files/${f.id}` };
  }

  /** A complaint a citizen filed in LAPOR, disposed to this institution (admin API). */
  createDisposed(input: Partial<SimComplaint> & { n?: number; attachmentCount?: number }): SimComplaint {
    const id = ++this.seq.complaint;
    const topic = TOPICS[(input.n ?? id) % TOPICS.length]!;
    const now = this.now();
    const files = Array.from({ length: input.attachmentCount ?? 0 }, (_, i) => this.attachmentOf(this.addFile(`foto-${id}-${i + 1}.png`, "image/png", TINY_PNG)));
    const anonymous = input.is_anonymous ?? false;
    const c: SimComplaint = {
      id,
      tracking_id: `LAPOR-${id}`,
      title: input.title ?? `${topic[0]} (#${id})`,
      content: input.content ?? topic[1],
      channel: input.channel ?? "web",
      classification_id: input.classification_id ?? 1,
      category_id: input.category_id ?? null,
      location_id: input.location_id ?? null,
      location_name: input.location_name ?? null,
      date_of_incident: input.date_of_incident ?? null,
      is_anonymous: anonymous,
      is_secret: input.is_secret ?? false,
      reporter: input.reporter !== undefined ? input.reporter : { name: `Warga ${id}`, phone: "081234567890", email: null },
      status_code: 2,
      disposition_id: this.institutionId,
      attachments: [...(input.attachments ?? []), ...files],
      created_at: now,
      updated_at: now,
      origin: "lapor",
    };
    this.complaints.set(id, c);
    return c;
  }

  /** `POST /complaints/complaint`: an institution records a complaint it received itself. */
  createFromInstitution(fields: Record<string, string>, attachmentIds: number[]): SimComplaint {
    const id = ++this.seq.complaint;
    const now = this.now();
    const bool = (v: string | undefined) => v === "1" || v === "true";
    const anonymous = bool(fields.is_anonymous);
    const c: SimComplaint = {
      id,
      tracking_id: `LAPOR-${id}`,
      title: fields.title ?? "",
      content: fields.content ?? "",
      channel: fields.channel ?? "web",
      classification_id: Number(fields.classification_id ?? 1),
      category_id: fields.category_id || null,
      location_id: fields.location_id || null,
      location_name: null,
      date_of_incident: fields.date_of_incident || null,
      is_anonymous: anonymous,
      is_secret: bool(fields.is_secret),
      reporter: fields.reporter_name ? { name: fields.reporter_name, phone: fields.reporter_phone || null, email: fields.reporter_email || null } : null,
      status_code: fields.disposition_id ? 2 : 1,
      disposition_id: fields.disposition_id || this.institutionId,
      attachments: attachmentIds.flatMap((a) => {
        const f = this.files.get(a);
        return f ? [this.attachmentOf(f)] : [];
      }),
      created_at: now,
      updated_at: now,
      origin: "institution",
    };
    this.complaints.set(id, c);
    return c;
  }

  addFollowup(c: SimComplaint, f: Omit<SimFollowup, "id" | "complaint_id" | "created_at" | "status_old">): SimFollowup {
    const now = this.now();
    const row: SimFollowup = { ...f, id: ++this.seq.followup, complaint_id: c.id, created_at: now, status_old: c.status_code };
    this.followups.push(row);
    c.status_code = f.status_new;
    c.updated_at = now;
    return row;
  }

  /** A reporter's reply or rating posted in LAPOR (admin API). */
  addReporterFollowup(c: SimComplaint, content: string, rating: number | null): SimFollowup {
    return this.addFollowup(c, {
      institution_from_id: null,
      institution_to_id: c.disposition_id,
      institution_from_name: null,
      institution_to_name: this.nameOf(c.disposition_id),
      content,
      status_new: c.status_code,
      template_code: rating !== null ? "rating" : null,
      rating,
      author_type: "reporter",
      is_secret: false,
      attachment_ids: [],
    });
  }

  nameOf(institutionId: string): string {
    if (institutionId === this.institutionId) return this.institutionName;
    return this.externals.find((e) => e.id === institutionId)?.name ?? `Instansi ${institutionId}`;
  }

  followupsOf(complaintId: number): SimFollowup[] {
    return this.followups.filter((f) => f.complaint_id === complaintId);
  }

  /** Complaints disposed to `institutionId` changed at or after `since`, oldest change first. */
  disposed(institutionId: string, since: Date | null): SimComplaint[] {
    const out: SimComplaint[] = [];
    for (const c of this.complaints.values()) {
      if (c.disposition_id !== institutionId) continue;
      if (since && c.updated_at.getTime() < since.getTime()) continue;
      out.push(c);
    }
    return out.sort((a, b) => a.updated_at.getTime() - b.updated_at.getTime() || a.id - b.id);
  }
}
