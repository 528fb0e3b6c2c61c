import { complaintJsonResponse } from "@/server/api/complaints";
import { getDb } from "@/server/db";

// Also answered by the production server's fast path (scripts/fast-paths.ts), with the same function.
export const GET = async (request: Request, ctx: { params: Promise<{ code: string }> }) =>
  complaintJsonResponse(request, getDb(), (await ctx.params).code);
