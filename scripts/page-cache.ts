import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import type { Db } from "@/db/client";
import { preparedRows } from "@/db/raw";
import { LOCALE_COOKIE, pickLocale } from "@/i18n/config";
import { inlineScriptHashes, withScriptSources } from "@/server/security-headers";

/**
 * A cache of the public tracking page (`/lacak/<code>`, without the private key) in front of Next,
 * as a reverse proxy would keep one, but exact: each hit first asks the database for the
 * complaint's version (the moment it last changed and its newest event) and the directory's (the
 * newest version of any OPD, category, area or institution, so a rename shows at once), so a page is
 * never served older than either. Rendering the page costs Next ~15 ms of CPU; a hit costs one
 * query of two index lookups. Entries also expire after `ttlMs`.
 *
 * Only what is the same for every visitor is cached: no query string (the private link carries the
 * key), no staff session, no client-side navigation (RSC) request; only 200 answers that set no
 * cookie. Cached per locale and per accepted encoding, since the answer differs by both.
 */
const PATH = /^\/lacak\/([A-Z0-9-]{1,40})$/;
const VERSION = `select c.updated_at::text || '/' || coalesce((select max(e.id) from complaint_events e where e.complaint_id = c.id), 0)
    || '/' || coalesce((select max(d.id) from directory_versions d), 0) as v
  from complaints c where c.tracking_code = $1`;
/**
 * Headers a replayed answer must not repeat: they belong to the connection or the moment. The
 * security headers are set afresh for every request (server/security-headers.ts); a kept page's
 * scripts are then allowed by their hashes, since its nonce was the first visitor's.
 */
const HOP = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "content-security-policy", "strict-transport-security"]);

type Entry = { version: string; at: number; status: number; headers: OutgoingHttpHeaders; body: Buffer; scriptHashes: string[] };

/** The hashes of the page's inline scripts, whatever compression Next answered with; null if unreadable (then it is not kept). */
function scriptHashesOf(body: Buffer, encoding: unknown): string[] | null {
  try {
    const raw = encoding === "gzip" ? gunzipSync(body) : encoding === "br" ? brotliDecompressSync(body) : encoding === "deflate" ? inflateSync(body) : body;
    return inlineScriptHashes(raw.toString("utf8"));
  } catch {
    return null;
  }
}

/** `maxBytes`: the bodies kept, at most (the oldest entries go first). */
export type PageCacheOptions = { ttlMs: number; maxBytes: number };

export function createPageCache(db: Db, opts: PageCacheOptions) {
  const entries = new Map<string, Entry>();
  let bytes = 0;

  function cacheKey(req: IncomingMessage): { key: string; code: string } | null {
    if (req.method !== "GET") return null;
    const m = PATH.exec(req.url ?? "");
    if (!m) return null;
    const h = req.headers;
    if (h.rsc || h["next-router-state-tree"] || h["next-router-prefetch"] || h["next-action"]) return null;
    const cookies = h.cookie ?? "";
    // A signed-in staff member gets Next's own answer, whatever the page shows them.
    if (cookies.includes("authjs.")) return null;
    const locale = pickLocale(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]*)`).exec(cookies)?.[1]);
    return { key: `${m[1]}|${locale}|${h["accept-encoding"] ?? ""}`, code: m[1]! };
  }

  function forget(key: string) {
    const old = entries.get(key);
    if (!old) return;
    bytes -= old.body.byteLength;
    entries.delete(key);
  }

  function store(key: string, entry: Entry) {
    forget(key);
    if (entry.body.byteLength > opts.maxBytes) return;
    // Map order is insertion order: the first keys are the oldest.
    while (bytes + entry.body.byteLength > opts.maxBytes) forget(entries.keys().next().value!);
    entries.set(key, entry);
    bytes += entry.body.byteLength;
  }

  /** Lets Next answer, keeping a copy of what it sends when it is cacheable. */
  function renderAndKeep(res: ServerResponse, key: string, version: string, render: () => void) {
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...a: unknown[]) => boolean;
    const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
    const keep = (chunk: unknown, encoding: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function") return;
      chunks.push(typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array));
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as ServerResponse["write"];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      const headers = res.getHeaders();
      if (res.statusCode === 200 && !headers["set-cookie"]) {
        const kept: OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(headers)) if (!HOP.has(name) && value !== undefined) kept[name] = value;
        const body = Buffer.concat(chunks);
        const scriptHashes = scriptHashesOf(body, headers["content-encoding"]);
        if (scriptHashes) store(key, { version, at: Date.now(), status: res.statusCode, headers: kept, body, scriptHashes });
      }
      return end(chunk, ...rest);
    }) as ServerResponse["end"];
    render();
  }

  return {
    /** True when this request may be answered from the cache (then call `serve`). */
    handles: (req: IncomingMessage) => cacheKey(req) !== null,

    async serve(req: IncomingMessage, res: ServerResponse, render: () => void): Promise<void> {
      const k = cacheKey(req)!;
      let version: string | undefined;
      try {
        version = (await preparedRows<{ v: string }>(db, VERSION, [k.code]))[0]?.v;
      } catch {
        return render();
      }
      // Unknown code: Next answers (it sends the visitor to the look-up form).
      if (!version) return render();
      const hit = entries.get(k.key);
      if (hit && hit.version === version && Date.now() - hit.at < opts.ttlMs) {
        const policy = res.getHeader("content-security-policy");
        if (typeof policy === "string") res.setHeader("content-security-policy", withScriptSources(policy, hit.scriptHashes));
        res.writeHead(hit.status, { ...hit.headers, "content-length": String(hit.body.byteLength), "x-pintu-cache": "hit" });
        res.end(hit.body);
        return;
      }
      res.setHeader("x-pintu-cache", "miss");
      renderAndKeep(res, k.key, version, render);
    },

    size: () => ({ entries: entries.size, bytes }),
  };
}
