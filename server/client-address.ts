import "server-only";

import { CLIENT_ADDRESS_HEADER } from "./http-headers";

/**
 * The client's address for rate limiting. Behind a proxy (TRUST_PROXY) it is the first
 * X-Forwarded-For entry; otherwise the socket address our server recorded.
 */
export function clientAddress(headers: Headers, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}
