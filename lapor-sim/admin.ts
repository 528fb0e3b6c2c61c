/**
 * The simulator's admin API (JSON): served only to callers on this machine with the header
 * `X-Admin-Token` (see auth.ts), since it hands out reporters' personal data and switches faults.
 *
 * POST /_admin/complaints          {count?, title?, content?, category_id?, location_id?, is_anonymous?, is_secret?, reporter?, attachmentCount?}
 * POST /_admin/complaints/<id>/followups  {content, rating?}   a reporter's reply or rating
 * GET  /_admin/complaints          every complaint (with `origin`)
 * GET  /_admin/followups           every follow-up
 * GET  /_admin/received            every write LAPOR received (create, followup, reject, upload)
 * GET|POST /_admin/faults          read / change faults and payload variants (see faults.ts); a POST changes only what it names
 * POST /_admin/reset               empty the store and clear the faults
 */
import type { IncomingMessage } from "node:http";
import { z } from "zod";
import { faultsSchema, NO_FAULTS, type Faults, type FaultsInput, type Reply } from "./faults";
import type { SimStore } from "./store";

type AdminCtx = { store: SimStore; getFaults: () => Faults; setFaults: (f: FaultsInput) => Faults };

const createSchema = z.object({
  count: z.number().int().min(1).max(100_000).default(1),
  title: z.string().optional(),
  content: z.string().optional(),
  channel: z.string().optional(),
  category_id: z.string().nullable().optional(),
  location_id: z.string().nullable().optional(),
  location_name: z.string().nullable().optional(),
  date_of_incident: z.string().nullable().optional(),
  is_anonymous: z.boolean().optional(),
  is_secret: z.boolean().optional(),
  reporter: z.object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }).nullable().optional(),
  attachmentCount: z.number().int().min(0).max(5).optional(),
});
const followupSchema = z.object({ content: z.string().min(1), rating: z.number().int().min(1).max(5).nullable().default(null) });

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : {};
}

const bad = (error: z.ZodError): Reply => ({ status: 422, body: { error: "validation", issues: error.issues } });
const iso = (c: Record<string, unknown>) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));

export async function adminRoutes(req: IncomingMessage, u: URL, ctx: AdminCtx): Promise<Reply> {
  const path = u.pathname.slice("/_admin".length);
  const { store } = ctx;
  let m: RegExpExecArray | null;
  if (req.method === "GET") {
    if (path === "/complaints") return { status: 200, body: { data: [...store.complaints.values()].map((c) => iso(c)) } };
    if (path === "/followups") return { status: 200, body: { data: store.followups.map((f) => iso(f)) } };
    if (path === "/received") return { status: 200, body: { data: store.received.map((r) => iso(r)) } };
    if (path === "/faults") return { status: 200, body: ctx.getFaults() };
    return { status: 404, body: { message: "not found" } };
  }
  if (req.method !== "POST") return { status: 405, body: { message: "method not allowed" } };
  let body: unknown;
  try {
    body = await readJson(req);
  } catch {
    return { status: 400, body: { message: "body must be JSON" } };
  }
  if (path === "/reset") {
    store.reset();
    ctx.setFaults(NO_FAULTS);
    return { status: 200, body: { ok: true } };
  }
  if (path === "/faults") {
    const parsed = faultsSchema.partial().strict().safeParse(body);
    if (!parsed.success) return bad(parsed.error);
    // Only what the body names changes (zod fills in the defaults of the others).
    const given = new Set(Object.keys(body as object));
    return { status: 200, body: ctx.setFaults(Object.fromEntries(Object.entries(parsed.data).filter(([k]) => given.has(k)))) };
  }
  if (path === "/complaints") {
    const parsed = createSchema.safeParse(body);
    if (!parsed.success) return bad(parsed.error);
    const { count, ...fields } = parsed.data;
    const created = Array.from({ length: count }, (_, n) => store.createDisposed({ ...fields, n }));
    return { status: 201, body: { data: created.map((c) => ({ id: c.id, tracking_id: c.tracking_id })) } };
  }
  if ((m = /^\/complaints\/(\d+)\/followups$/.exec(path))) {
    const c = store.complaints.get(Number(m[1]));
    if (!c) return { status: 404, body: { message: "complaint not found" } };
    const parsed = followupSchema.safeParse(body);
    if (!parsed.success) return bad(parsed.error);
    const f = store.addReporterFollowup(c, parsed.data.content, parsed.data.rating);
    return { status: 201, body: { data: { id: f.id } } };
  }
  return { status: 404, body: { message: "not found" } };
}
