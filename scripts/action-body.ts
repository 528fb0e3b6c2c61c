import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import type { Writable } from "node:stream";

/**
 * Server-action bodies that Next's decoder cannot read answer 400, not 500 (issue 12 item 9).
 *
 * Next reads an action's body as it streams in (multipart uploads up to 26 MB are never held
 * here), and a body whose argument fields are malformed — an argument list that is not JSON, a
 * reference to a part that was never sent, a form cut short, a `$ACTION_REF` naming no action —
 * makes its decoder throw, which Next answers 500. This module reads a copy of the same bytes as
 * they arrive (file parts are skipped; only the small fields are kept) and judges the body's
 * shape. It never blocks a request: only when Next ends such a request in a 5xx *and* the body was
 * malformed is the answer replaced by `400 Malformed server action request`. A well-formed body
 * that Next fails on keeps its 500 (that is our bug, not the client's).
 */

type Busboy = Writable & { on(event: "field", cb: (name: string, value: string, info: { valueTruncated: boolean }) => void): Busboy; on(event: "file", cb: (name: string, stream: NodeJS.ReadableStream) => void): Busboy; on(event: "error" | "close", cb: (err?: Error) => void): Busboy };
// The multipart parser Next itself decodes actions with (next/dist/compiled/busboy, as of next
// 16.4), so both read the same parts.
const busboy = createRequire(import.meta.url)("next/dist/compiled/busboy") as (opts: { headers: IncomingMessage["headers"]; defParamCharset: string; limits: { fieldSize: number } }) => Busboy;

const MESSAGE = "400 Malformed server action request\n";
/** Text bodies kept to judge (an action without arguments sends `[]`). */
const TEXT_LIMIT = 64 * 1024;

/** The ids of this build's server actions (`server-reference-manifest.json`), or null when unknown. */
export function loadActionIds(root: string): Set<string> | null {
  try {
    const file = path.join(root, process.env.PINTU_DIST_DIR || ".next", "server", "server-reference-manifest.json");
    const manifest = JSON.parse(readFileSync(file, "utf8")) as { node?: Record<string, unknown> };
    return new Set(Object.keys(manifest.node ?? {}));
  } catch {
    return null;
  }
}

/**
 * Why an argument list (React's reply format: JSON whose `$`-strings are references) cannot be
 * decoded, or null. `fields`: the names of the other parts sent with it.
 */
export function replyProblem(json: string, fields: ReadonlySet<string>): string | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return "the argument list is not JSON";
  }
  if (!Array.isArray(value)) return "the argument list is not a list";
  const refs: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === "string" && v.startsWith("$")) refs.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(value);
  for (const ref of refs) {
    if (/^\$(\$|undefined$|-0$|NaN$|-?Infinity$|n-?\d+$|D|K[0-9a-f]+$|T)/.test(ref)) continue;
    // A reference to another part (an outlined value, promise, map, set, blob…): it must be there.
    const part = /^\$[@QWBiRrXxAOoUSsLlGgMmVb]?([0-9a-f]+)$/.exec(ref);
    if (!part) return `unknown reference ${ref.slice(0, 20)}`;
    if (!fields.has(String(Number.parseInt(part[1]!, 16)))) return `reference ${ref} to a part that was not sent`;
  }
  return null;
}

/** Why a form's `$ACTION_` fields (a post without JavaScript) cannot be decoded, or null. */
function formActionProblem(fields: ReadonlyMap<string, string>, actionIds: Set<string> | null): string | null {
  for (const name of fields.keys()) {
    const ref = /^\$ACTION_REF_(.*)$/.exec(name);
    if (!ref) continue;
    const meta = fields.get(`$ACTION_${ref[1]}:0`);
    if (meta === undefined) return "a form action reference without its action";
    let parsed: unknown;
    try {
      parsed = JSON.parse(meta);
    } catch {
      return "a form action reference that is not JSON";
    }
    const id = (parsed as { id?: unknown } | null)?.id;
    if (typeof id !== "string" || (actionIds && !actionIds.has(id))) return "a form action reference to no known action";
  }
  return null;
}

type Judge = { feed: (chunk: Buffer) => void; end: () => void; problem: () => string | null };

function multipartJudge(req: IncomingMessage, fetchAction: boolean, actionIds: Set<string> | null): Judge {
  let problem: string | null = null;
  const fields = new Map<string, string>();
  const names = new Set<string>();
  let parser: Busboy;
  try {
    parser = busboy({ headers: req.headers, defParamCharset: "utf8", limits: { fieldSize: TEXT_LIMIT } });
  } catch (err) {
    problem = `not a readable multipart body (${(err as Error).message})`;
    return { feed: () => {}, end: () => {}, problem: () => problem };
  }
  parser.on("field", (name, value, info) => {
    names.add(name);
    // Only what is judged is kept: the argument list and the form action's fields.
    if (name === "0" || name.startsWith("$ACTION_")) fields.set(name, info.valueTruncated ? "\u0000" : value);
    // Next decodes the argument list as soon as it arrives (the last part React sends), so it is
    // judged now, against the parts sent before it.
    if (name === "0" && fetchAction) problem ??= replyProblem(fields.get("0")!, names);
  });
  parser.on("file", (name, stream) => {
    names.add(name);
    stream.resume();
  });
  parser.on("error", (err) => (problem ??= `not a readable multipart body (${err?.message ?? "error"})`));
  parser.on("close", () => {
    if (problem) return;
    if (fetchAction) {
      if (!fields.has("0")) problem = "no argument list";
    } else {
      problem = formActionProblem(fields, actionIds);
    }
  });
  return {
    feed: (chunk) => void (problem === null && parser.write(chunk)),
    end: () => void parser.end(),
    problem: () => problem,
  };
}

function textJudge(): Judge {
  const chunks: Buffer[] = [];
  let size = 0;
  let problem: string | null = null;
  return {
    feed: (chunk) => {
      size += chunk.length;
      if (size <= TEXT_LIMIT) chunks.push(chunk);
    },
    end: () => {
      problem = size > TEXT_LIMIT ? null : replyProblem(Buffer.concat(chunks).toString("utf8"), new Set());
    },
    problem: () => problem,
  };
}

/**
 * Watches the body of a server-action post (see above). Called before Next sees the request, while
 * none of its body has been read: the copy is taken where the HTTP parser hands each chunk to the
 * request stream.
 */
export function watchActionBody(req: IncomingMessage, res: ServerResponse, actionIds: Set<string> | null): void {
  if (req.method !== "POST" || (req.url ?? "").startsWith("/api/")) return;
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  const fetchAction = req.headers["next-action"] !== undefined;
  const multipart = type.startsWith("multipart/form-data");
  if (!multipart && !fetchAction) return;
  const judge = multipart ? multipartJudge(req, fetchAction, actionIds) : textJudge();

  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk === null) judge.end();
    else judge.feed(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), encoding));
    return push(chunk, encoding);
  };

  // Next's answer: a 5xx to a malformed body becomes the 400 above, whatever Next meant to write.
  let replaced = false;
  const writeHead = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => ServerResponse;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    if (status < 500 || judge.problem() === null) return writeHead(status, ...rest);
    replaced = true;
    for (const name of res.getHeaderNames()) if (!/^(x-request-id|content-security-policy|x-frame-options|x-content-type-options|referrer-policy|strict-transport-security)$/.test(name)) res.removeHeader(name);
    return writeHead(400, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "content-length": Buffer.byteLength(MESSAGE), connection: "close" });
  }) as typeof res.writeHead;
  // Headers go first when the answer may be replaced, so the decision is made before any body.
  const decideFirst = () => void (!res.headersSent && judge.problem() !== null && res.writeHead(res.statusCode));
  res.write = ((...args: unknown[]) => {
    decideFirst();
    if (!replaced) return write(...args);
    const cb = args.find((a) => typeof a === "function") as (() => void) | undefined;
    if (cb) process.nextTick(cb);
    return true;
  }) as typeof res.write;
  res.end = ((...args: unknown[]) => {
    decideFirst();
    if (!replaced) return end(...args);
    return end(MESSAGE, args.find((a) => typeof a === "function"));
  }) as typeof res.end;
}
