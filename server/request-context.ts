import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { isTrustedPeer, resolveClientAddress, type TrustProxy } from "../lib/forwarded";
import { CLIENT_ADDRESS_HEADER, CLIENT_ADDRESS_PROOF_HEADER, REQUEST_ID_HEADER } from "./http-headers";

/**
 * What Pintu's own HTTP server (scripts/start.ts) knows about a request before any handler runs:
 * its id (for log lines, lib/request-id.ts, and the `X-Request-Id` answer) and the client's address
 * (for rate limits).
 *
 * The address travels to Next's handlers in a request header, beside a proof only this process
 * knows: a client that sends the header itself — or any server other than ours, such as
 * `next dev` — gets "unknown" (one shared bucket), never the address it claims.
 * Kept on globalThis: Next bundles its own copy of this module into the same process.
 */
type Shared = { proof: Buffer };
const key = Symbol.for("pintu.request-context");
const shared: Shared = ((globalThis as Record<symbol, unknown>)[key] as Shared | undefined) ??
  ((globalThis as Record<symbol, Shared>)[key] = { proof: randomBytes(24) });

/** An id a trusted proxy may hand us (nginx's `$request_id` is 32 hex digits). */
const SANE_ID = /^[A-Za-z0-9._:@-]{8,128}$/;

/**
 * Stamps a request as it arrives: its client address (with the proof) and its id, reusing a sane
 * incoming `X-Request-Id` only from a trusted proxy. Returns the id; the caller answers with it.
 */
export function stampRequest(req: IncomingMessage, trust: TrustProxy): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const id = typeof incoming === "string" && SANE_ID.test(incoming) && isTrustedPeer(req.socket.remoteAddress, trust) ? incoming : randomUUID();
  req.headers[REQUEST_ID_HEADER] = id;
  req.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trust);
  req.headers[CLIENT_ADDRESS_PROOF_HEADER] = shared.proof.toString("base64url");
  return id;
}

/** The client address our server stamped on the request, or "unknown" when it did not (or a client forged it). */
export function stampedClientAddress(headers: Headers): string {
  const proof = Buffer.from(headers.get(CLIENT_ADDRESS_PROOF_HEADER) ?? "", "base64url");
  const ok = proof.length === shared.proof.length && timingSafeEqual(proof, shared.proof);
  return (ok && headers.get(CLIENT_ADDRESS_HEADER)) || "unknown";
}
