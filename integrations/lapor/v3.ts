/**
 * The LAPOR! v3 adapter: every URL, header, field name, status code and date format of LAPOR
 * lives here (how records are read: v3-read.ts), and every payload is parsed with zod. A
 * complaint, follow-up or institution without a field Pintu needs comes back as `unreadable` (to
 * be quarantined) while the rest of the page flows, its raw entry still at hand; a response that
 * cannot be read at all throws LaporShapeError. A future LAPOR version is a new file beside this
 * one, not a rewrite.
 */
import { z } from "zod";
import { laporRequest, LaporShapeError, unreadable, type LaporConfig } from "./http";
import { complaintSchema, followupSchema, id, institutionSchema, parseItems, reason, statusOf, wibTime } from "./v3-read";

export { LAPOR_STATUS, statusOf, type Entry, type LaporComplaint, type LaporFollowup } from "./v3-read";

export const ADAPTER_VERSION = "v3";

const WIB_OFFSET_MS = 7 * 3600_000;
const pad = (n: number) => String(n).padStart(2, "0");

/** Formats a time as LAPOR writes it: `DD-MM-YYYY HH:mm:ss` in WIB (UTC+7). */
export function formatWib(d: Date): string {
  const t = new Date(d.getTime() + WIB_OFFSET_MS);
  return `${pad(t.getUTCDate())}-${pad(t.getUTCMonth() + 1)}-${t.getUTCFullYear()} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
}

/** Every response shape, built once: zod compiles a schema on its first use, per instance. */
const shapes = {
  wrapper: z.object({ results: z.unknown() }),
  page: z.object({
    data: z.array(z.unknown()),
    meta: z.object({ total: z.coerce.number().int().min(0).catch(-1) }).nullish().catch(null),
  }),
  complaint: z.object({ data: complaintSchema, data_logs: z.array(z.unknown()).nullish().catch(null) }),
  // The field must be there (a complaint without one is another shape); a name LAPOR does not use reads as null.
  status: z.object({ data: z.object({ status_code: z.unknown().refine((v) => v !== undefined && v !== null && v !== "", "missing").transform(statusOf) }) }),
  list: z.object({ data: z.array(z.unknown()) }),
  followupAdded: z.object({ data: z.object({ id }) }),
  rejected: z.object({ data: z.object({ status_code: z.unknown().optional().transform(statusOf) }).nullish().catch(null) }),
  uploaded: z.object({ docs: z.array(z.object({ id })) }),
  created: z.object({ data: z.object({ complaint_id: id, tracking_id: id.nullish().catch(null) }) }),
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

type Opts = { signal?: AbortSignal };

/** `GET /complaints/disposed`: one page of complaints disposed to the city changed since `since`. */
export async function listDisposed(cfg: LaporConfig, q: { since: Date | null; page: number; pageSize: number }, o: Opts = {}) {
  const source = "GET /complaints/disposed";
  const { text } = await laporRequest(cfg, "GET", "/complaints/disposed", {
    query: { institution_id: cfg.institutionId, updated_since: q.since ? formatWib(q.since) : undefined, page: q.page, page_size: q.pageSize },
    signal: o.signal,
  });
  const results = parseWrapper(source, text, shapes.page);
  // Without a readable total, a full page means there may be more.
  const total = results.meta && results.meta.total >= 0 ? results.meta.total : null;
  return { ...parseItems(source, results.data, complaintSchema), total };
}

/** `GET /complaints/{id}/complaint`: one complaint and its status history. */
export async function fetchComplaint(cfg: LaporConfig, laporId: string, o: Opts = {}) {
  const source = "GET /complaints/{id}/complaint";
  const { text } = await laporRequest(cfg, "GET", `/complaints/${encodeURIComponent(laporId)}/complaint`, { signal: o.signal });
  const results = parseWrapper(source, text, shapes.complaint);
  const logs = (results.data_logs ?? []).flatMap((l) => {
    const p = logSchema.safeParse(l);
    return p.success ? [p.data] : [];
  });
  return { complaint: results.data, logs };
}

const logSchema = z.object({ status_code: z.unknown().optional().transform(statusOf), created_at: wibTime.nullish().catch(null) });

/**
 * `GET /complaints/{id}/complaint`, reading only the status (code or name; null when LAPOR sends
 * one it does not name): what the forward check and the reconciliation decide on.
 */
export async function fetchStatus(cfg: LaporConfig, laporId: string, o: Opts = {}): Promise<{ statusCode: number | null }> {
  const { text } = await laporRequest(cfg, "GET", `/complaints/${encodeURIComponent(laporId)}/complaint`, { signal: o.signal });
  return { statusCode: parseWrapper("GET /complaints/{id}/complaint", text, shapes.status).data.status_code };
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
export async function rejectComplaint(cfg: LaporConfig, laporId: string, r: { institutionId: string; description: string }, o: Opts = {}): Promise<{ statusCode: number | null }> {
  const { text } = await laporRequest(cfg, "POST", `/complaints/process/${encodeURIComponent(laporId)}/reject`, {
    body: { kind: "form", fields: { not_authority: "1", reason: r.institutionId, reason_description: r.description } },
    signal: o.signal,
  });
  const res = parseWrapper("POST /complaints/process/{id}/reject", text, shapes.rejected);
  return { statusCode: res.data?.status_code ?? null };
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
export async function createComplaint(cfg: LaporConfig, c: NewLaporComplaint, o: Opts = {}): Promise<{ laporId: string; trackingId: string | null }> {
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
  return { laporId: r.data.complaint_id, trackingId: r.data.tracking_id ?? null };
}

/** `GET /masters/institutions/external`: institutions a complaint can be forwarded to. */
export async function listExternalInstitutions(cfg: LaporConfig, o: Opts = {}) {
  const source = "GET /masters/institutions/external";
  const { text } = await laporRequest(cfg, "GET", "/masters/institutions/external", { query: { page_size: 1000 }, signal: o.signal });
  return parseItems(source, parseWrapper(source, text, shapes.list).data, institutionSchema);
}

/** Downloads one attachment of a complaint (its `url`, with LAPOR's auth headers). */
export async function downloadAttachment(cfg: LaporConfig, url: string, o: Opts = {}): Promise<Uint8Array> {
  const sameHost = new URL(url, cfg.baseUrl).origin === new URL(cfg.baseUrl).origin;
  if (!sameHost) throw new LaporShapeError(unreadable("attachment url", url, "attachment outside LAPOR's host"));
  return (await laporRequest(cfg, "GET", new URL(url, cfg.baseUrl).toString(), { signal: o.signal, binary: true })).bytes;
}
