import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/**
 * Public pages that need no JavaScript get none (issue 15 item 7): Next's scripts — React, its
 * router and the page's serialized tree — are taken off their HTML in front of Next, so a cheap
 * phone downloads and runs nothing. These pages already work without JavaScript (their forms
 * are server actions posted as plain HTML forms, e2e *-nojs projects), so the browser gets just
 * that page. A script marked `data-island` stays: the /lapor form's own small script
 * (islands/lapor-form.ts). `next dev` is not behind this, and shows the pages with React.
 *
 * Only whole-page HTML answers are changed: never a client-side navigation (RSC), a server
 * action called by React (`Next-Action`), or a page streamed in pieces (Suspense boundaries
 * need React's inline scripts to show their content; such a page is left as it is).
 */
const LIGHT = [/^\/$/, /^\/aduan$/, /^\/lapor$/, /^\/lacak$/, /^\/lacak\/[^/]{1,60}$/, /^\/lacak\/[^/]{1,60}\/pelapor$/, /^\/statistik$/];

export function isLightPage(req: IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "POST") return false;
  const h = req.headers;
  if (h.rsc || h["next-router-state-tree"] || h["next-router-prefetch"] || h["next-action"]) return false;
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const pathname = q < 0 ? url : url.slice(0, q);
  return LIGHT.some((p) => p.test(pathname));
}

const SCRIPT = /<script\b([^>]*)>[\s\S]*?<\/script>/gi;
const SCRIPT_LINK = /<link\b(?=[^>]*\brel="(?:preload|modulepreload)")(?=[^>]*\bas="script"|[^>]*\brel="modulepreload")[^>]*>/gi;

/** The page without Next's scripts and script preloads; null when it must keep them (streamed Suspense content). */
export function withoutScripts(html: string): string | null {
  if (/<div hidden id="S:\d/.test(html) || html.includes("$RC(")) return null;
  return html.replace(SCRIPT, (tag, attrs: string) => (/\bdata-island\b/.test(attrs) ? tag : "")).replace(SCRIPT_LINK, "");
}

function compress(body: Buffer, accepted: string): { body: Buffer; encoding: string | null } {
  const accepts = (name: string) => new RegExp(`(^|,)\\s*${name}\\s*(;\\s*q=(?!0(\\.0+)?\\b)[\\d.]+)?\\s*(,|$)`, "i").test(accepted);
  if (accepts("br")) return { body: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } }), encoding: "br" };
  if (accepts("gzip")) return { body: gzipSync(body, { level: 6 }), encoding: "gzip" };
  return { body, encoding: null };
}

/**
 * Lets Next render `req` uncompressed, takes its scripts off the HTML, then compresses the page
 * itself for the client. Anything but HTML passes through untouched.
 */
export function serveLight(req: IncomingMessage, res: ServerResponse, render: () => void): void {
  const accepted = String(req.headers["accept-encoding"] ?? "");
  delete req.headers["accept-encoding"];
  const write = res.write.bind(res) as (...a: unknown[]) => boolean;
  const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
  const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => ServerResponse;
  const chunks: Buffer[] = [];
  let pass: boolean | null = null;
  const passing = () => (pass ??= !String(res.getHeader("content-type") ?? "").startsWith("text/html"));
  const keep = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array));
  };

  // An HTML page's headers are held until its body is known (its length and encoding change);
  // anything else (a redirect, an error without a page) goes out as Next sends it. Node's own
  // write/end also come through here (their implicit writeHead).
  const flushHeaders = res.flushHeaders.bind(res);
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    res.statusCode = status;
    if (typeof rest[0] === "string") res.statusMessage = rest.shift() as string;
    const headers = rest[0];
    if (Array.isArray(headers)) for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(String(headers[i]), headers[i + 1] as string);
    else if (headers && typeof headers === "object") for (const [k, v] of Object.entries(headers as OutgoingHttpHeaders)) if (v !== undefined) res.setHeader(k, v);
    return passing() ? writeHead(status) : res;
  }) as ServerResponse["writeHead"];
  res.flushHeaders = () => {
    if (passing()) flushHeaders();
  };
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (passing()) return write(chunk, ...rest);
    keep(chunk, rest[0]);
    const cb = rest.find((r) => typeof r === "function") as (() => void) | undefined;
    if (cb) process.nextTick(cb);
    return true;
  }) as ServerResponse["write"];
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (passing()) return end(chunk, ...rest);
    keep(chunk, rest[0]);
    const cb = [chunk, ...rest].find((r) => typeof r === "function") as (() => void) | undefined;
    const html = Buffer.concat(chunks);
    const light = withoutScripts(html.toString("utf8"));
    const out = compress(light === null ? html : Buffer.from(light, "utf8"), accepted);
    if (out.encoding) res.setHeader("content-encoding", out.encoding);
    res.setHeader("content-length", String(out.body.byteLength));
    const vary = String(res.getHeader("vary") ?? "");
    if (!/accept-encoding/i.test(vary)) res.setHeader("vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
    res.removeHeader("transfer-encoding");
    writeHead(res.statusCode);
    return end(out.body, cb);
  }) as ServerResponse["end"];
  render();
}
