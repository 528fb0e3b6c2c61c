/**
 * The LAPOR! v3 simulator: every call of CONTRACTS.md "LAPOR! v3" over real HTTP, its own
 * in-memory store, an admin API under `/_admin` (create disposed complaints, post reporter
 * replies, read what it received, set faults, reset) and fault injection.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { adminRoutes } from "./admin";
import { adminRefusal, randomSecret, sameSecret } from "./auth";
export { randomSecret } from "./auth";
import { decideFate, faultsSchema, NO_FAULTS, type Faults, type FaultsInput, type Reply, type WriteCall } from "./faults";
import { idOf, parseWib, renderComplaint, renderFollowup, renderLogs, varied } from "./render";
import { SimStore } from "./store";

export type LaporSimOptions = {
  port?: number;
  host?: string;
  apiKey?: string;
  token?: string;
  institutionId?: string;
  institutionName?: string;
  /** External institutions offered by `/masters/institutions/external`. */
  externals?: { id: string; name: string }[];
  faults?: FaultsInput;
  /** The admin API's token (header `X-Admin-Token`); a random one when not given. */
  adminToken?: string;
};

export type LaporSim = { url: string; port: number; store: SimStore; faults: Faults; adminToken: string; setFaults(f: FaultsInput): Faults; close(): Promise<void> };

export const SIM_DEFAULTS = { apiKey: "sim-api-key", token: "sim-institution-token", institutionId: "2171", institutionName: "Pemerintah Kota Batam" };


/** Which aimed write a LAPOR path is, if any. */
function writeCallOf(path: string): WriteCall | null {
  if (path === "/complaints/complaint") return "create";
  if (path === "/complaints/followup/add") return "followup";
  return /^\/complaints\/process\/\d+\/reject$/.test(path) ? "forward" : null;
}
const ok = (results: unknown): Reply => ({ status: 200, body: { results } });
const fail = (status: number, message: string): Reply => ({ status, body: { message } });


async function readForm(req: IncomingMessage): Promise<FormData> {
  const type = req.headers["content-type"] ?? "";
  if (!type.includes("multipart/form-data") && !type.includes("application/x-www-form-urlencoded")) return new FormData();
  const request = new Request("http://sim.local/", { method: "POST", headers: { "content-type": type }, body: Readable.toWeb(req) as ReadableStream, duplex: "half" } as RequestInit);
  return request.formData();
}

const textFields = (form: FormData): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") out[k] = v;
  return out;
};

/** A simulator as a request handler, to mount under a path of another server (`npm start`). */
export type LaporSimHandler = Omit<LaporSim, "port" | "close"> & {
  /** The LAPOR credentials this simulator accepts. */
  apiKey: string;
  token: string;
  handle(req: IncomingMessage, res: ServerResponse, path?: string): Promise<void>;
  setUrl(url: string): void;
  closeHanging(): void;
};

export function createLaporSim(opts: LaporSimOptions = {}): LaporSimHandler {
  const cfg = { ...SIM_DEFAULTS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) } as typeof SIM_DEFAULTS & LaporSimOptions;
  let faults: Faults = faultsSchema.parse({ ...NO_FAULTS, ...opts.faults });
  let url = "";
  const externals = opts.externals ?? [{ id: "9001", name: "BP Batam" }];
  const store = new SimStore(cfg.institutionId, cfg.institutionName, externals, () => url);
  const setFaults = (f: FaultsInput) => (faults = faultsSchema.parse({ ...faults, ...f }));
  const adminToken = opts.adminToken ?? randomSecret();

  async function api(req: IncomingMessage, path: string, query: URLSearchParams): Promise<Reply> {
    const v = faults.version;
    const w = faults.variant;
    /** An answer's record with the variant's extra fields. */
    const rec = (r: Record<string, unknown>) => varied(r, w, []);
    let m: RegExpExecArray | null;
    if (req.method === "GET" && path === "/complaints/disposed") {
      const institutionId = query.get("institution_id") ?? "";
      if (!institutionId) return fail(422, "institution_id is required");
      const sinceRaw = query.get("updated_since");
      const since = sinceRaw ? parseWib(sinceRaw) : null;
      if (sinceRaw && !since) return fail(422, "updated_since must be DD-MM-YYYY HH:mm:ss");
      const page = Math.max(1, Number(query.get("page") ?? 1) || 1);
      const pageSize = Math.min(1000, Math.max(1, Number(query.get("page_size") ?? 20) || 20));
      const all = store.disposed(institutionId, since);
      const data = all.slice((page - 1) * pageSize, page * pageSize).map((c) => renderComplaint(c, v, w));
      return ok(rec({ data, meta: rec({ page, page_size: pageSize, total: all.length }) }));
    }
    if (req.method === "GET" && (m = /^\/complaints\/(\d+)\/complaint$/.exec(path))) {
      const c = store.complaints.get(Number(m[1]));
      if (!c) return fail(404, "complaint not found");
      return ok(rec({ data: renderComplaint(c, v, w), data_logs: renderLogs(c, store.followupsOf(c.id), w) }));
    }
    if (req.method === "GET" && (m = /^\/complaints\/(\d+)\/followups$/.exec(path))) {
      const c = store.complaints.get(Number(m[1]));
      if (!c) return fail(404, "complaint not found");
      return ok(rec({ data: store.followupsOf(c.id).map((f) => renderFollowup(f, v, w)) }));
    }
    if (req.method === "GET" && path === "/masters/institutions/external") {
      return ok(rec({ data: externals.map((e) => rec({ id: w.stringIds ? e.id : Number(e.id) || e.id, name: e.name })) }));
    }
    if (req.method === "GET" && (m = /^\/files\/(\d+)$/.exec(path))) {
      const f = store.files.get(Number(m[1]));
      if (!f) return fail(404, "file not found");
      return { status: 200, body: f.bytes, headers: { "content-type": f.mime } };
    }
    if (req.method !== "POST") return fail(404, "not found");
    const form = await readForm(req);
    const fields = textFields(form);
    if (path === "/complaints/complaint/file") {
      const docs: { id: number }[] = [];
      for (const [k, val] of form.entries()) {
        if (typeof val === "string" || !k.startsWith("attachments")) continue;
        const f = store.addFile(val.name, val.type || "application/octet-stream", new Uint8Array(await val.arrayBuffer()));
        docs.push({ id: f.id });
      }
      store.received.push({ at: new Date(), call: "upload", complaintId: null, fields: { count: String(docs.length) } });
      return ok(v === "v4" ? { files: docs.map((d) => ({ uuid: `file-${d.id}` })) } : rec({ docs: docs.map((d) => rec({ id: idOf(d.id, w) })) }));
    }
    if (path === "/complaints/complaint") {
      const missing = ["title", "content"].filter((k) => !fields[k]);
      if (missing.length) return fail(422, `missing ${missing.join(", ")}`);
      const ids = Object.entries(fields).filter(([k]) => k.startsWith("attachments")).map(([, val]) => Number(val));
      const c = store.createFromInstitution(fields, ids);
      store.received.push({ at: new Date(), call: "create", complaintId: c.id, fields });
      return ok({ data: v === "v4" ? { uuid: `c-${c.id}`, tracking_code: c.tracking_id } : rec({ complaint_id: idOf(c.id, w), tracking_id: c.tracking_id }) });
    }
    if (path === "/complaints/followup/add") {
      const c = store.complaints.get(Number(fields.complaint_id));
      if (!c) return fail(404, "complaint not found");
      if (!fields.content) return fail(422, "missing content");
      const ids = Object.entries(fields).filter(([k]) => k.startsWith("attachment")).map(([, val]) => Number(val));
      const f = store.addFollowup(c, {
        institution_from_id: fields.institution_from_id ?? null,
        institution_to_id: fields.institution_to_id ?? null,
        institution_from_name: store.nameOf(fields.institution_from_id ?? ""),
        institution_to_name: fields.institution_to_id ? store.nameOf(fields.institution_to_id) : null,
        content: fields.content,
        status_new: fields.template_code === "selesai" ? 4 : 3,
        template_code: fields.template_code ?? null,
        rating: null,
        author_type: "institution",
        is_secret: fields.is_secret === "1",
        attachment_ids: ids,
      });
      store.received.push({ at: new Date(), call: "followup", complaintId: c.id, fields });
      return ok({ data: v === "v4" ? { followup_uuid: `f-${f.id}` } : rec({ id: idOf(f.id, w) }) });
    }
    if ((m = /^\/complaints\/process\/(\d+)\/reject$/.exec(path))) {
      const c = store.complaints.get(Number(m[1]));
      if (!c) return fail(404, "complaint not found");
      if (fields.not_authority !== "1" || !fields.reason) return fail(422, "not_authority=1 and reason are required");
      if (c.status_code === 6) return fail(409, "complaint already forwarded");
      store.addFollowup(c, {
        institution_from_id: c.disposition_id,
        institution_to_id: fields.reason,
        institution_from_name: store.nameOf(c.disposition_id),
        institution_to_name: store.nameOf(fields.reason),
        content: fields.reason_description ?? "",
        status_new: 6,
        template_code: "bukan_wewenang",
        rating: null,
        author_type: "institution",
        is_secret: false,
        attachment_ids: [],
      });
      c.disposition_id = fields.reason;
      store.received.push({ at: new Date(), call: "reject", complaintId: c.id, fields });
      return ok({ data: v === "v4" ? { state: "rejected" } : rec({ status_code: w.statusNames ? "dialihkan" : 6 }) });
    }
    return fail(404, "not found");
  }

  const send = (res: ServerResponse, r: Reply) => {
    if (r.body instanceof Uint8Array) {
      res.writeHead(r.status, { "content-length": r.body.byteLength, ...r.headers });
      res.end(r.body);
      return;
    }
    const text = JSON.stringify(r.body);
    res.writeHead(r.status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...r.headers });
    res.end(text);
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const hanging = new Set<ServerResponse>();
  /** Drops the connection after `ms` without an answer (the write is already stored). */
  const dropLater = async (res: ServerResponse, ms: number) => {
    if (ms > 0) {
      hanging.add(res);
      await sleep(ms);
      hanging.delete(res);
    }
    res.destroy();
  };

  async function handle(req: IncomingMessage, res: ServerResponse, path = req.url ?? "/"): Promise<void> {
    const u = new URL(path, "http://sim.local");
    if (u.pathname.startsWith("/_admin/")) return send(res, adminRefusal(req, adminToken) ?? (await adminRoutes(req, u, { store, getFaults: () => faults, setFaults })));
    if (!sameSecret(req.headers.authorization, `Bearer ${cfg.apiKey}`) || !sameSecret(req.headers.token, cfg.token)) return send(res, fail(401, "Unauthenticated."));
    const fate = decideFate(faults, req.method === "POST");
    if (fate.kind === "unauthorized") return send(res, fail(401, "Token expired."));
    if (fate.kind === "rate_limited") return send(res, { ...fail(429, "Too Many Requests"), headers: { "retry-after": String(fate.retryAfterSeconds) } });
    if (fate.kind === "error") return send(res, fail(fate.status, "Server Error"));
    if (fate.kind === "hang") {
      hanging.add(res);
      await sleep(fate.ms);
      hanging.delete(res);
      res.destroy();
      return;
    }
    if (fate.delayMs) await sleep(fate.delayMs);
    const reply = await api(req, u.pathname, u.searchParams);
    if (reply.status === 200 && req.method === "POST") {
      // "Response lost after the write": LAPOR stored it, the caller never hears back.
      const call = writeCallOf(u.pathname);
      const aimed = call !== null && faults.loseAnswerOf[call] > 0;
      if (aimed) faults = { ...faults, loseAnswerOf: { ...faults.loseAnswerOf, [call]: faults.loseAnswerOf[call] - 1 } };
      if (aimed || fate.loseResponse) return dropLater(res, aimed ? faults.lostAnswerDelayMs : 0);
    }
    if (reply.status === 200 && req.method === "GET" && faults.unreadableReads && !u.pathname.startsWith("/files/")) {
      return send(res, { status: 200, body: Buffer.from("<html><body>Sedang dalam pemeliharaan</body></html>"), headers: { "content-type": "text/html" } });
    }
    send(res, reply);
  }

  return {
    get url() {
      return url;
    },
    store,
    get faults() {
      return faults;
    },
    adminToken,
    apiKey: cfg.apiKey,
    token: cfg.token,
    setFaults,
    setUrl: (u: string) => void (url = u),
    handle: (req, res, path) =>
      handle(req, res, path).catch((err: unknown) => {
        if (!res.headersSent) send(res, fail(500, err instanceof Error ? err.message : "error"));
        else res.destroy();
      }),
    closeHanging: () => {
      for (const r of hanging) r.destroy();
    },
  };
}

/** The simulator on its own HTTP server (tests, `npm run lapor-sim`). */
export async function startLaporSim(opts: LaporSimOptions = {}): Promise<LaporSim> {
  const sim = createLaporSim(opts);
  const server: Server = createServer((req, res) => void sim.handle(req, res));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  sim.setUrl(`http://${opts.host && opts.host !== "0.0.0.0" ? opts.host : "127.0.0.1"}:${port}`);
  return {
    url: sim.url,
    port,
    store: sim.store,
    get faults() {
      return sim.faults;
    },
    adminToken: sim.adminToken,
    setFaults: sim.setFaults,
    close: () =>
      new Promise<void>((resolve) => {
        sim.closeHanging();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
