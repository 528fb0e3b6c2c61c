import "server-only";

/** Set by our HTTP server from the socket address; any value a client sends is overwritten. */
export const CLIENT_ADDRESS_HEADER = "x-pintu-client-address";

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
