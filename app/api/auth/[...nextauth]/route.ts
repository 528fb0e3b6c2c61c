import { type NextRequest } from "next/server";
import { handlers } from "@/server/auth";
import { env } from "@/lib/env";
import { publicOrigin } from "@/server/public-origin";

/**
 * next-auth's routes, given the request under the origin the visitor used: Next hands route
 * handlers a URL on the address the server listens on (`http://0.0.0.0:PORT`), which next-auth
 * would put in its redirects (and judge `Secure` cookies by). A plain Request: a NextRequest
 * would turn a 127.x host into `localhost`, another origin for the browser's cookies. (next-auth
 * reads only `url`, `method`, headers and body of it outside middleware.)
 */
async function atPublicOrigin(req: NextRequest): Promise<NextRequest> {
  const url = new URL(`${req.nextUrl.pathname}${req.nextUrl.search}`, publicOrigin(req.headers, env()));
  const headers = new Headers(req.headers);
  // next-auth (trustHost) builds its own URLs from these: make them say the same.
  headers.set("x-forwarded-host", url.host);
  headers.set("x-forwarded-proto", url.protocol.slice(0, -1));
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : await req.arrayBuffer();
  return new Request(url, { method: req.method, headers, body }) as unknown as NextRequest;
}

export async function GET(req: NextRequest) {
  return handlers.GET(await atPublicOrigin(req));
}

export async function POST(req: NextRequest) {
  return handlers.POST(await atPublicOrigin(req));
}
