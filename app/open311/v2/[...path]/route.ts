import { getDb } from "@/server/db";
import { open311Http } from "@/server/open311/http";

// Open311 GeoReport v2 (server/open311/http.ts); the production server answers the same paths
// on its fast path (scripts/fast-paths.ts) with the same function, given the path as sent.
export const dynamic = "force-dynamic";

async function handle(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname.replace(/^\/open311\/v2\/?/, "");
  return open311Http(request, getDb(), path);
}

export { handle as GET, handle as POST };
