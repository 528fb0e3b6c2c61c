import { getDb } from "@/server/db";
import { open311Http } from "@/server/open311/http";

// Open311 GeoReport v2 (server/open311/http.ts), given the path as sent; under `npm start` the
// production server's fast path calls this handler of the build itself (scripts/fast-paths.ts).
export const dynamic = "force-dynamic";

async function handle(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname.replace(/^\/open311\/v2\/?/, "");
  return open311Http(request, getDb(), path);
}

export { handle as GET, handle as POST };
