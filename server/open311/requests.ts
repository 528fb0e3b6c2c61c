import "server-only";
import type { Db } from "@/db/client";
import { listOpen311Requests, publicAttachmentOf } from "@/db/queries/open311";
import { open311Requests } from "@/db/schema-open311";
import { COMPLAINT_STATUSES, type ComplaintStatus } from "@/domain/complaint-status";
import { open311Status, type Open311Status } from "@/domain/open311";
import { redactIdentity } from "@/domain/redact";
import { titleFromText } from "@/domain/sms";
import { normalizeTrackingCode } from "@/domain/tracking-code";
import { apiTranslator, translateFieldErrors } from "@/server/api-messages";
import { ValidationError } from "@/lib/errors";
import { intakeComplaint } from "@/server/intake";
import { loadPublicComplaint } from "@/server/public-complaint";
import { reference } from "@/server/reference";
import { isoInZone } from "@/server/time";
import { Open311Error, type Open311Value } from "./format";
import { parseW3cDate, required, type Open311Form } from "./input";
import type { Open311Client } from "./keys";

/** Where the request's answers point (public tracking page, attachments). */
export type Open311Context = { region: string; origin: string; now: Date };

/** Intake's field names as the GeoReport client sent them, for error messages. */
const FIELD_NAMES: Record<string, string> = {
  title: "description",
  body: "description",
  categoryCode: "service_code",
  kecamatan: "attribute[kelurahan]",
  kelurahan: "attribute[kelurahan]",
  address: "address_string",
  lat: "lat",
  lon: "long",
  incidentDate: "attribute[incident_date]",
  reporterName: "first_name",
  reporterPhone: "phone",
  reporterEmail: "email",
  anonymous: "attribute[anonymous]",
  confidential: "attribute[confidential]",
  attachments: "media",
};

const optional = (fields: Map<string, string>, name: string, max: number): string | undefined => {
  const v = fields.get(name)?.trim();
  if (!v) return undefined;
  if (v.length > max) throw new Open311Error(400, `${name} is longer than ${max} characters`);
  return v;
};

/** `media_url`: kept as a link for staff, never fetched by the server; only http(s). */
function mediaUrl(fields: Map<string, string>): string | null {
  const v = optional(fields, "media_url", 2000);
  if (!v) return null;
  try {
    const u = new URL(v);
    if (u.protocol === "http:" || u.protocol === "https:") return u.toString();
  } catch {
    // fall through
  }
  throw new Open311Error(400, "media_url must be an http or https URL");
}

/**
 * `POST requests`: a complaint through the one intake pipeline (channel `open311`), the client
 * recorded with it in the same transaction. Answers `[{service_request_id, service_notice, account_id}]`.
 */
export async function createRequest(db: Db, client: Open311Client, form: Open311Form, ctx: Open311Context): Promise<Open311Value[]> {
  const f = form.fields;
  const ref = await reference(db);
  const serviceCode = required(f, "service_code");
  if (!ref.categories.some((c) => c.code === serviceCode)) throw new Open311Error(400, `service_code: unknown service ${serviceCode.slice(0, 50)}`);
  const description = required(f, "description");
  const lat = optional(f, "lat", 40);
  const lon = optional(f, "long", 40);
  if ((lat === undefined) !== (lon === undefined)) throw new Open311Error(400, "lat and long must be given together");
  const jurisdiction = optional(f, "jurisdiction_id", 100);
  if (jurisdiction && jurisdiction.toLowerCase() !== ctx.region.toLowerCase()) throw new Open311Error(404, `Unknown jurisdiction_id: ${jurisdiction.slice(0, 50)}`);

  const kelId = optional(f, "attribute[kelurahan]", 20);
  let area: { kecamatan: string; kelurahan: string } | undefined;
  if (kelId) {
    const kec = ref.areas.find((k) => k.kelurahan.some((l) => String(l.id) === kelId));
    const kel = kec?.kelurahan.find((l) => String(l.id) === kelId);
    if (!kec || !kel) throw new Open311Error(400, "attribute[kelurahan] is not one of the service's values");
    area = { kecamatan: kec.name, kelurahan: kel.name };
  }
  const incident = optional(f, "attribute[incident_date]", 40);
  const name = [optional(f, "first_name", 60), optional(f, "last_name", 60)].filter(Boolean).join(" ");
  const link = mediaUrl(f);
  const deviceId = optional(f, "device_id", 200) ?? null;
  const accountId = optional(f, "account_id", 200) ?? null;

  const raw = {
    title: titleFromText(description, 80),
    body: description,
    categoryCode: serviceCode,
    ...area,
    address: optional(f, "address_string", 300),
    lat,
    lon,
    incidentDate: incident ? incident.slice(0, 10) : undefined,
    reporterName: name || undefined,
    reporterEmail: optional(f, "email", 254),
    reporterPhone: optional(f, "phone", 25),
    anonymous: f.get("attribute[anonymous]"),
    confidential: f.get("attribute[confidential]"),
  };
  try {
    const receipt = await intakeComplaint(db, {
      raw,
      files: form.media ? [form.media] : [],
      channel: "open311",
      region: ctx.region,
      now: ctx.now,
      ref,
      // The reporter gets their private link at the contacts they gave, as from the web form.
      sendLink: true,
      eventData: { open311Client: client.name },
      alongside: (tx, c) =>
        tx.insert(open311Requests).values({ complaintId: c.id, clientId: client.id, clientName: client.name, deviceId, accountId, mediaUrl: link }).then(() => undefined),
    });
    const t = apiTranslator("id");
    return [{ service_request_id: receipt.trackingCode, service_notice: t("open311.notice", { code: receipt.trackingCode, url: `${ctx.origin}/lacak/${receipt.trackingCode}` }), account_id: accountId }];
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    const messages = translateFieldErrors(err.fieldErrors, "en");
    const text = Object.entries(messages)
      .map(([field, list]) => `${FIELD_NAMES[field] ?? field}: ${list.join(" ")}`)
      .join("; ");
    throw new Open311Error(400, text);
  }
}

/** A complaint row in GeoReport terms; `redact` removes the reporter's identity from public text. */
type RequestFacts = {
  trackingCode: string;
  status: ComplaintStatus;
  body: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
  createdAt: Date;
  updatedAt: Date;
  resolutionDue: Date | null;
  categoryCode: string | null;
  categoryName: string | null;
  agency: string | null;
  statusNotes: string | null;
  attachmentId: number | null;
};

function requestOf(r: RequestFacts, timeZone: string, origin: string): Open311Value {
  const iso = (d: Date | null) => (d ? isoInZone(d, timeZone) : null);
  return {
    service_request_id: r.trackingCode,
    status: open311Status(r.status),
    status_notes: r.statusNotes,
    service_name: r.categoryName,
    service_code: r.categoryCode,
    description: r.body,
    agency_responsible: r.agency,
    service_notice: null,
    requested_datetime: iso(r.createdAt),
    updated_datetime: iso(r.updatedAt),
    expected_datetime: iso(r.resolutionDue),
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lon,
    media_url: r.attachmentId === null ? null : `${origin}/lacak/${r.trackingCode}/lampiran/${r.attachmentId}`,
  };
}

/**
 * `GET requests/<id>`: the public view of /lacak/<code> (loadPublicComplaint, unkeyed): for a
 * confidential complaint only its id and status. Unknown → 404.
 */
export async function readRequest(db: Db, id: string, ctx: Open311Context): Promise<Open311Value[]> {
  const code = normalizeTrackingCode(id, ctx.region);
  const view = code ? await loadPublicComplaint(db, code, ctx.region, null) : null;
  if (!view) throw new Open311Error(404, `Unknown service_request_id: ${id.slice(0, 50)}`);
  if (!view.full) return [{ service_request_id: view.trackingCode, status: open311Status(view.status) }];
  const f = view.full;
  const ref = await reference(db);
  const last = f.timeline.at(-1);
  const notes = f.timeline.findLast((e) => e.message !== null)?.message ?? null;
  return [
    requestOf(
      {
        trackingCode: view.trackingCode,
        status: view.status,
        body: f.body,
        address: f.address,
        lat: f.location?.lat ?? null,
        lon: f.location?.lon ?? null,
        createdAt: f.createdAt,
        updatedAt: last?.at ?? f.createdAt,
        resolutionDue: f.deadlines.resolution,
        categoryCode: f.category?.code ?? null,
        categoryName: f.category?.name ?? null,
        agency: f.opd?.name ?? null,
        statusNotes: notes,
        attachmentId: await publicAttachmentOf(db, view.trackingCode),
      },
      ref.calendar.timeZone,
      ctx.origin,
    ),
  ];
}

const MAX_LIST = 1000;
const DEFAULT_DAYS = 90;

/** Which Pintu statuses a GeoReport status filter (`open,closed`) means. */
function statusesFor(list: string): ComplaintStatus[] {
  const wanted = new Set(list.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean));
  for (const s of wanted) if (s !== "open" && s !== "closed") throw new Open311Error(400, "status must be open, closed or both");
  return COMPLAINT_STATUSES.filter((s) => wanted.has(open311Status(s) satisfies Open311Status));
}

/**
 * `GET requests`: what the public list shows (never confidential, archived or merged
 * complaints), newest first, at most 1,000; by default the last 90 days.
 */
export async function listRequests(db: Db, params: URLSearchParams, ctx: Open311Context): Promise<Open311Value[]> {
  const ref = await reference(db);
  const tz = ref.calendar.timeZone;
  const ids = params.get("service_request_id");
  const codes = ids
    ? ids
        .split(",")
        .map((s) => normalizeTrackingCode(s.trim(), ctx.region))
        .filter((c): c is string => c !== null)
        .slice(0, MAX_LIST)
    : undefined;
  if (ids && codes?.length === 0) return [];
  const end = params.get("end_date");
  const start = params.get("start_date");
  const to = end ? parseW3cDate(end, "end_date", tz) : ctx.now;
  // A list of ids is read whatever its age; otherwise the period defaults to the last 90 days.
  const from = start ? parseW3cDate(start, "start_date", tz) : codes ? new Date(0) : new Date(to.getTime() - DEFAULT_DAYS * 86_400_000);
  if (from > to) throw new Open311Error(400, "start_date is after end_date");
  const serviceCode = params.get("service_code")?.trim() || undefined;
  const status = params.get("status");
  const rows = await listOpen311Requests(db, {
    codes,
    categoryCode: serviceCode,
    statuses: status ? statusesFor(status) : undefined,
    from,
    to,
    limit: MAX_LIST,
  });
  return rows.map((r) => {
    const shown = (s: string) => redactIdentity(s, r);
    return requestOf(
      {
        ...r,
        body: shown(r.body),
        address: r.address === null ? null : shown(r.address),
        agency: r.opdName ?? r.externalName,
        statusNotes: r.statusNotes === null ? null : shown(r.statusNotes),
      },
      tz,
      ctx.origin,
    );
  });
}
