import "server-only";

import { stampedClientAddress } from "./request-context";

/**
 * The client's address for rate limiting, as Pintu's own server resolved it (the socket address,
 * or behind TRUST_PROXY the entry its trusted proxies appended to X-Forwarded-For). A request that
 * did not come through that server — or carries a forged header — is "unknown" (fail closed).
 */
export function clientAddress(headers: Headers): string {
  return stampedClientAddress(headers);
}
