import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { isTrustedPeer, type TrustProxy } from "@/lib/forwarded";

/**
 * What Pintu's own HTTP server (scripts/start.ts) adds to a request before any handler runs: its
 * id (for log lines, lib/request-id.ts, and the `X-Request-Id` answer) and, in X-Forwarded-For,
 * the socket address it came from — read by server/client-address.ts by the same rule as under
 * `next start`, so nothing here is a secret and nothing is kept between requests.
 */

/** Each request's id: taken from a trusted proxy or generated, and echoed in the answer. */
const REQUEST_ID_HEADER = "x-request-id";

/**
 * "1" in a process whose server appends each request's socket address to X-Forwarded-For
 * (`recordPeer`; scripts/start.ts sets it). A process setting, never a header: a client can write
 * any header, not this process's environment.
 */
export const PEER_RECORDED_ENV = "PINTU_PEER_IN_FORWARDED";

/** An id a trusted proxy may hand us (nginx's `$request_id` is 32 hex digits). */
const SANE_ID = /^[A-Za-z0-9._:@-]{8,128}$/;

/**
 * Gives a request its id as it arrives, reusing a sane incoming `X-Request-Id` only from a trusted
 * proxy. Returns the id; the caller answers with it.
 */
export function stampRequest(req: IncomingMessage, trust: TrustProxy): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const id = typeof incoming === "string" && SANE_ID.test(incoming) && isTrustedPeer(req.socket.remoteAddress, trust) ? incoming : randomUUID();
  req.headers[REQUEST_ID_HEADER] = id;
  return id;
}

/**
 * Appends the socket's peer to X-Forwarded-For, as a proxy does, so that the app can read the
 * client's address from headers alone (server/client-address.ts; the process says it does this
 * through PINTU_PEER_IN_FORWARDED). Whatever the client wrote stays left of it.
 */
export function recordPeer(req: IncomingMessage): void {
  const peer = req.socket.remoteAddress ?? "unknown";
  const sent = req.headers["x-forwarded-for"];
  const before = (Array.isArray(sent) ? sent.join(",") : (sent ?? "")).trim();
  req.headers["x-forwarded-for"] = before ? `${before}, ${peer}` : peer;
}
