import { NextRequest } from "next/server";
import { handlers } from "@/server/auth";
import { env } from "@/server/env";
import { publicOrigin } from "@/server/public-origin";

/**
 * next-auth's routes, given the request under the origin the visitor used: Next hands route
 * handlers a URL on the address the server listens on (`http://0.0.0.0:PORT`), which next-auth
 * would put in its redirects (and judge `Secure` cookies by).
 */
async function atPublicOrigin(req: NextRequest): Promise<NextRequest> {
  const url = new URL(`${req.nextUrl.pathname}${req.nextUrl.search}`, publicOrigin(req.headers, env()));
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : await req.arrayBuffer();
  return new NextRequest(url, { method: req.method, headers: req.headers, body });
}

export async function GET(req: NextRequest) {
  return handlers.GET(await atPublicOrigin(req));
}

export async function POST(req: NextRequest) {
  return handlers.POST(await atPublicOrigin(req));
}
