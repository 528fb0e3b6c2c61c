/**
 * The LAPOR! v3 adapter: every URL, header, field name, status code and date format of LAPOR
 * lives here, and every payload is parsed with zod. A complaint or follow-up whose shape does
 * not match comes back as `unreadable` (to be quarantined) while the rest of the page flows; a
 * response that cannot be read at all throws LaporShapeError. A future LAPOR version is a new
 * file beside this one, not a rewrite.
 */
import { z } from "zod";
import { laporRequest, LaporShapeError, unreadable, type LaporConfig, type Unreadable } from "./http";

export const ADAPTER_VERSION = "v3";

const WIB_OFFSET_MS = 7 * 3600_000;
const pad = (n: number) => String(n).padStart(2, "0");

/** Formats a time as LAPOR writes it: `DD-MM-YYYY HH:mm:ss` in WIB (UTC+7). */
export function formatWib(d: Date): string {
  const t = new Date(d.getTime() + WIB_OFFSET_MS);
  return `${pad(t.getUTCDate())}-${pad(t.getUTCMonth() + 1)}-${t.getUTCFullYear()} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
}

const wibTime = z.string().transform((s, ctx) => {
  const m = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(s.trim());
  if (!m) {
    ctx.addIssue({ code: "custom", message: `not a DD-MM-YYYY HH:mm:ss time: ${s.slice(0, 40)}` });
    return z.NEVER;
  }
  const [d, mo, y, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, se) - WIB_OFFSET_MS);
});
const id = z.union([z.string().min(1), z.number().int()]).transform(String);
const optId = z.union([z.string(), z.number().int()]).nullish().transform((v) => (v === null || v === undefined || v === "" ? null : String(v)));
const flag = z.union([z.boolean(), z.literal(0), z.literal(1), z.literal("0"), z.literal("1")]).transform((v) => v === true || v === 1 || v === "1");
const optText = z.string().nullish().transform((v) => v ?? null);

const complaintSchema = z.object({
  id,
  tracking_id: id,
  title: z.string(),
  content: z.string(),
  channel: optText,
  classification_id: optId,
  category_id: optId,
  location_id: optId,
  location_name: optText,
  date_of_incident: optText,
  is_anonymous: flag,
  is_secret: flag,
  reporter: z.object({ name: optText, phone: optText, email: optText }).nullish().transform((v) => v ?? null),
  status_code: z.coerce.number().int().min(0).max(6),
  status_name: optText,
  attachments: z.array(z.object({ id, name: z.string(), mime: optText, url: z.string() })).nullish().transform((v) => v ?? []),
  created_at: wibTime,
  updated_at: wibTime,
});
export type LaporComplaint = z.output<typeof complaintSchema>;

const followupSchema = z.object({
  id,
  created_at: wibTime,
  institution_from_name: optText,
  institution_to_name: optText,
  content: z.string().nullish().transform((v) => v ?? ""),
  status_old: z.coerce.number().int().nullish().transform((v) => v ?? null),
  status_new: z.coerce.number().int().nullish().transform((v) => v ?? null),
  template_code: optText,
  rating: z.coerce.number().int().min(1).max(5).nullish().transform((v) => v ?? null),
  author_type: z.enum(["institution", "reporter"]),
});
export type LaporFollowup = z.output<typeof followupSchema>;

/** LAPOR's status codes. */
export const LAPOR_STATUS = { unverified: 0, verified: 1, disposed: 2, inProgress: 3, done: 4, archived: 5, forwarded: 6 } as const;

const reason = (e: z.ZodError) => e.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");

/** Every response shape, built once: zod compiles a schema on its first use, per instance. */
const shapes = {
  wrapper: z.object({ results: z.unknown() }),
  page: z.object({ data: z.array(z.unknown()), meta: z.object({ page: z.coerce.number(), page_size: z.coerce.number(), total: z.coerce.number() }) }),
  complaint: z.object({ data: complaintSchema, data_logs: z.array(z.object({ status_code: z.coerce.number(), created_at: wibTime }).loose()).nullish() }),
  list: z.object({ data: z.array(z.unknown()) }),
  followupAdded: z.object({ data: z.object({ id }) }),
  rejected: z.object({ data: z.object({ status_code: z.coerce.number() }) }),
  uploaded: z.object({ docs: z.array(z.object({ id })) }),
  created: z.object({ data: z.object({ complaint_id: id, tracking_id: id }) }),
  institutions: z.object({ data: z.array(z.object({ id, name: z.string() })) }),
};

/** Parses `{results: …}` with `schema`, or throws LaporShapeError keeping the raw text. */
function parseWrapper<T extends z.ZodType>(source: string, text: string, schema: T): z.output<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LaporShapeError(unreadable(source, text, "not JSON"));
  }
  const wrapper = shapes.wrapper.safeParse(json);
  if (!wrapper.success) throw new LaporShapeError(unreadable(source, text, reason(wrapper.error)));
  const parsed = schema.safeParse(wrapper.data.results);
  if (!parsed.success) throw new LaporShapeError(unreadable(source, text, reason(parsed.error)));
  return parsed.data as z.output<T>;
}

/** Parses each element separately: one unreadable item never hides the others. */
function parseItems<T extends z.ZodType>(source: string, raw: unknown[], schema: T): { items: z.output<T>[]; unreadable: Unreadable[] } {
  const items: z.output<T>[] = [];
  const bad: Unreadable[] = [];
  for (const r of raw) {
    const p = schema.safeParse(r);
    if (p.success) items.push(p.data);
    else bad.push(unreadable(source, JSON.stringify(r), reason(p.error)));
  }
  return { items, unreadable: bad };
}

type Opts = { signal?: AbortSignal };

/** `GET /complaints/disposed`: one page of complaints disposed to the city changed since `since`. */
export async function listDisposed(cfg: LaporConfig, q: { since: Date | null; page: number; pageSize: number }, o: Opts = {}) {
  const source = "GET /complaints/disposed";
  const { text } = await laporRequest(cfg, "GET", "/complaints/disposed", {
    query: { institution_id: cfg.institutionId, updated_since: q.since ? formatWib(q.since) : undefined, page: q.page, page_size: q.pageSize },
    signal: o.signal,
  });
  const results = parseWrapper(source, text, shapes.page);
  return { ...parseItems(source, results.data, complaintSchema), meta: results.meta };
}

/** `GET /complaints/{id}/complaint`: one complaint and its status history. */
export async function fetchComplaint(cfg: LaporConfig, laporId: string, o: Opts = {}) {
  const source = "GET /complaints/{id}/complaint";
  const { text } = await laporRequest(cfg, "GET", `/complaints/${encodeURIComponent(laporId)}/complaint`, { signal: o.signal });
  const results = parseWrapper(source, text, shapes.complaint);
  return { complaint: results.data, logs: results.data_logs ?? [] };
}

/** `GET /complaints/{id}/followups`: follow-ups, reporter replies and ratings. */
export async function listFollowups(cfg: LaporConfig, laporId: string, o: Opts = {}) {
  const source = "GET /complaints/{id}/followups";
  const { text } = await laporRequest(cfg, "GET", `/complaints/${encodeURIComponent(laporId)}/followups`, { signal: o.signal });
  const results = parseWrapper(source, text, shapes.list);
  return parseItems(source, results.data, followupSchema);
}

/** `POST /complaints/followup/add`: an OPD's answer. Returns LAPOR's follow-up id. */
export async function addFollowup(
  cfg: LaporConfig,
  f: { laporId: string; fromInstitutionId: string; toInstitutionId: string; content: string; templateCode?: string; secret?: boolean; attachmentIds?: string[] },
  o: Opts = {},
): Promise<{ followupId: string }> {
  const fields: Record<string, string> = {
    complaint_id: f.laporId,
    institution_from_id: f.fromInstitutionId,
    institution_to_id: f.toInstitutionId,
    content: f.content,
    template_code: f.templateCode ?? "tindak_lanjut",
    is_secret: f.secret ? "1" : "0",
  };
  (f.attachmentIds ?? []).forEach((a, i) => (fields[`attachment[${i}]`] = a));
  const { text } = await laporRequest(cfg, "POST", "/complaints/followup/add", { body: { kind: "multipart", fields }, signal: o.signal });
  const r = parseWrapper("POST /complaints/followup/add", text, shapes.followupAdded);
  return { followupId: r.data.id };
}

/** `POST /complaints/process/{id}/reject`: "bukan wewenang", forwarded to another institution. */
export async function rejectComplaint(cfg: LaporConfig, laporId: string, r: { institutionId: string; description: string }, o: Opts = {}): Promise<{ statusCode: number }> {
  const { text } = await laporRequest(cfg, "POST", `/complaints/process/${encodeURIComponent(laporId)}/reject`, {
    body: { kind: "form", fields: { not_authority: "1", reason: r.institutionId, reason_description: r.description } },
    signal: o.signal,
  });
  const res = parseWrapper("POST /complaints/process/{id}/reject", text, shapes.rejected);
  return { statusCode: res.data.status_code };
}

/** `POST /complaints/complaint/file`: uploads attachments; returns their LAPOR ids in order. */
export async function uploadFiles(cfg: LaporConfig, files: { name: string; mime: string; bytes: Uint8Array }[], o: Opts = {}): Promise<string[]> {
  if (files.length === 0) return [];
  const { text } = await laporRequest(cfg, "POST", "/complaints/complaint/file", {
    body: { kind: "multipart", fields: {}, files: files.map((f) => ({ field: "attachments[]", ...f })) },
    signal: o.signal,
  });
  const r = parseWrapper("POST /complaints/complaint/file", text, shapes.uploaded);
  return r.docs.map((d) => d.id);
}

export type NewLaporComplaint = {
  title: string;
  content: string;
  channel: string;
  categoryId: string | null;
  locationId: string | null;
  dateOfIncident: string | null;
  anonymous: boolean;
  secret: boolean;
  reporter: { name: string | null; phone: string | null; email: string | null };
  attachmentIds: string[];
};

/** `POST /complaints/complaint`: records a locally received complaint, disposed to the city. */
export async function createComplaint(cfg: LaporConfig, c: NewLaporComplaint, o: Opts = {}): Promise<{ laporId: string; trackingId: string }> {
  const fields: Record<string, string> = {
    title: c.title,
    content: c.content,
    channel: c.channel,
    classification_id: "1",
    disposition_id: cfg.institutionId,
    category_id: c.categoryId ?? "",
    location_id: c.locationId ?? "",
    date_of_incident: c.dateOfIncident ?? "",
    is_anonymous: c.anonymous ? "1" : "0",
    is_secret: c.secret ? "1" : "0",
    reporter_name: c.reporter.name ?? "",
    reporter_phone: c.reporter.phone ?? "",
    reporter_email: c.reporter.email ?? "",
  };
  c.attachmentIds.forEach((a, i) => (fields[`attachments[${i}]`] = a));
  const { text } = await laporRequest(cfg, "POST", "/complaints/complaint", { body: { kind: "form", fields }, signal: o.signal });
  const r = parseWrapper("POST /complaints/complaint", text, shapes.created);
  return { laporId: r.data.complaint_id, trackingId: r.data.tracking_id };
}

/** `GET /masters/institutions/external`: institutions a complaint can be forwarded to. */
export async function listExternalInstitutions(cfg: LaporConfig, o: Opts = {}): Promise<{ id: string; name: string }[]> {
  const { text } = await laporRequest(cfg, "GET", "/masters/institutions/external", { query: { page_size: 1000 }, signal: o.signal });
  return parseWrapper("GET /masters/institutions/external", text, shapes.institutions).data;
}

/** Downloads one attachment of a complaint (its `url`, with LAPOR's auth headers). */
export async function downloadAttachment(cfg: LaporConfig, url: string, o: Opts = {}): Promise<Uint8Array> {
  const sameHost = new URL(url, cfg.baseUrl).origin === new URL(cfg.baseUrl).origin;
  if (!sameHost) throw new LaporShapeError(unreadable("attachment url", url, "attachment outside LAPOR's host"));
  return (await laporRequest(cfg, "GET", new URL(url, cfg.baseUrl).toString(), { signal: o.signal, binary: true })).bytes;
}
