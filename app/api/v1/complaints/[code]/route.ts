import { complaintJsonResponse } from "@/server/api/complaints";
import { getDb } from "@/server/db";

// Under `npm start` the production server's fast path calls this handler of the build itself, with
// the params Next would pass (scripts/fast-paths.ts).
export const GET = async (request: Request, ctx: { params: Promise<{ code: string }> }) =>
  complaintJsonResponse(request, getDb(), (await ctx.params).code);
