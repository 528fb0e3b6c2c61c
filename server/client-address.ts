import "server-only";

import { env } from "@/lib/env";
import { clientAddressFrom } from "@/lib/forwarded";
import { log } from "@/lib/log";
import { PEER_RECORDED_ENV } from "./request-context";

let warned = false;

/**
 * The client's address for rate limits and the audit log, by one rule under `npm start` and
 * `next start` (lib/forwarded.ts `clientAddressFrom`): the socket address as `npm start`
 * recorded it, or behind TRUST_PROXY the entry the trusted proxies appended. When it cannot be
 * known — `next start` without a trusted proxy — it is "unknown": every such client shares one
 * rate-limit bucket (fail closed), and the first time it happens the log says how to fix it.
 */
export function clientAddress(headers: Headers): string {
  const trust = env().TRUST_PROXY;
  const address = clientAddressFrom(headers.get("x-forwarded-for"), trust, process.env[PEER_RECORDED_ENV] === "1");
  if (address === "unknown" && !warned) {
    warned = true;
    log.warn("client address unknown: all such clients share one rate-limit bucket", {
      fix: "run `npm start`, or behind a proxy set TRUST_PROXY to the number of proxies (a list of addresses needs `npm start`, which sees the proxy's address)",
    });
  }
  return address;
}
