import { readFileSync } from "node:fs";
import path from "node:path";
import type { Writable } from "node:stream";
// @ts-expect-error -- Next's compiled busboy ships no types (its shape: BusboyFactory below)
import nextBusboy from "next/dist/compiled/busboy";

/**
 * Server-action bodies that Next's decoder cannot read answer 400, not 500 (issue 12 item 9).
 *
 * A body whose argument fields are malformed — an argument list that is not JSON, a reference to a
 * part that was never sent, a form cut short, a `$ACTION_REF` naming no action — makes Next's
 * decoder throw, which Next answers 500. `proxy.ts` judges the body first, under `npm start` and
 * `next start` alike, and answers `400 Malformed server action request` before the decoder runs.
 * It reads the proxy's copy of the body (Next keeps one for the proxy and hands the handler its
 * own, up to `proxyClientMaxBodySize`), streaming: file parts are skipped, only the small fields
 * are kept. A well-formed body that Next still fails on keeps its 500 (that is our bug, not the
 * client's).
 */

type Headers = Record<string, string>;
type Busboy = Writable & { on(event: "field", cb: (name: string, value: string, info: { valueTruncated: boolean }) => void): Busboy; on(event: "file", cb: (name: string, stream: NodeJS.ReadableStream) => void): Busboy; on(event: "error" | "close", cb: (err?: Error) => void): Busboy };
type BusboyFactory = (opts: { headers: Headers; defParamCharset: string; limits: { fieldSize: number } }) => Busboy;
// The multipart parser Next itself decodes actions with (as of next 16.4), so both read the same parts.
const busboy = nextBusboy as BusboyFactory;

/** Text bodies kept to judge (an action without arguments sends `[]`). */
const TEXT_LIMIT = 64 * 1024;

/** The ids of this build's server actions (`server-reference-manifest.json`), or null when unknown. */
export function loadActionIds(root: string): Set<string> | null {
  try {
    const file = path.join(/* turbopackIgnore: true */ root, process.env.PINTU_DIST_DIR || ".next", "server", "server-reference-manifest.json");
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
function formActionProblem(fields: ReadonlyMap<string, string>, actionIds: ReadonlySet<string> | null): string | null {
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

/** A post whose body Next decodes as a server action's: multipart to a page, or any with `Next-Action`. */
export function isActionBody(method: string, pathname: string, headers: Headers): boolean {
  if (method !== "POST" || pathname.startsWith("/api/")) return false;
  return headers["next-action"] !== undefined || (headers["content-type"] ?? "").toLowerCase().startsWith("multipart/form-data");
}

async function multipartProblem(headers: Headers, body: AsyncIterable<Uint8Array>, fetchAction: boolean, actionIds: ReadonlySet<string> | null): Promise<string | null> {
  let problem: string | null = null;
  const fields = new Map<string, string>();
  const names = new Set<string>();
  let parser: Busboy;
  try {
    parser = busboy({ headers, defParamCharset: "utf8", limits: { fieldSize: TEXT_LIMIT } });
  } catch (err) {
    return `not a readable multipart body (${(err as Error).message})`;
  }
  const closed = new Promise<void>((resolve) => {
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
    parser.on("error", (err) => {
      problem ??= `not a readable multipart body (${err?.message ?? "error"})`;
      resolve();
    });
    parser.on("close", () => resolve());
  });
  // The whole body is read (Next waits for it before the handler runs anyway); once a problem is
  // known, the rest is only drained.
  for await (const chunk of body) {
    if (problem !== null) continue;
    if (!parser.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))) await new Promise((r) => parser.once("drain", r));
  }
  if (problem === null) {
    parser.end();
    await closed;
  }
  if (problem) return problem;
  if (fetchAction) return fields.has("0") ? null : "no argument list";
  return formActionProblem(fields, actionIds);
}

async function textProblem(body: AsyncIterable<Uint8Array>): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size <= TEXT_LIMIT) chunks.push(Buffer.from(chunk));
  }
  return size > TEXT_LIMIT ? null : replyProblem(Buffer.concat(chunks).toString("utf8"), new Set());
}

/**
 * Why Next's decoder could not read this server action's body, or null (see above). Call only for
 * `isActionBody` posts the request guard let through (so the length is declared and ≤ 26 MB).
 */
export async function actionBodyProblem(headers: Headers, body: AsyncIterable<Uint8Array>, actionIds: ReadonlySet<string> | null): Promise<string | null> {
  const fetchAction = headers["next-action"] !== undefined;
  if ((headers["content-type"] ?? "").toLowerCase().startsWith("multipart/form-data")) return multipartProblem(headers, body, fetchAction, actionIds);
  return fetchAction ? textProblem(body) : null;
}
