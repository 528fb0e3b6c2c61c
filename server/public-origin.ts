import type { Env } from "@/lib/env";

// A host name or IPv4 address, or a bracketed IPv6 address, with an optional port.
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/**
 * The origin the visitor used to reach the portal, for absolute URLs the server hands out
 * (redirects, cookies' `Secure`): `PUBLIC_BASE_URL` when set; else the `Host` header, with the
 * scheme and host a trusted proxy forwarded (`TRUST_PROXY`). Never the address the server
 * listens on (`0.0.0.0`), which is what Next puts in a route handler's request URL.
 */
export function publicOrigin(headers: Headers, e: Pick<Env, "PUBLIC_BASE_URL" | "TRUST_PROXY" | "PORT">): string {
  if (e.PUBLIC_BASE_URL) return new URL(e.PUBLIC_BASE_URL).origin;
  const first = (name: string) => headers.get(name)?.split(",")[0]?.trim() || null;
  const proxied = "list" in e.TRUST_PROXY ? e.TRUST_PROXY.list.length > 0 : e.TRUST_PROXY.hops > 0;
  const proto = proxied && first("x-forwarded-proto") === "https" ? "https" : "http";
  const host = (proxied ? first("x-forwarded-host") : null) ?? headers.get("host");
  return `${proto}://${host && HOST.test(host) && parses(`${proto}://${host}`) ? host : `localhost:${e.PORT}`}`;
}

function parses(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

/** Whether the visitor is on https (so cookies must be `Secure`). */
export function visitorUsesHttps(headers: Headers, e: Pick<Env, "PUBLIC_BASE_URL" | "TRUST_PROXY" | "PORT">): boolean {
  return publicOrigin(headers, e).startsWith("https:");
}
