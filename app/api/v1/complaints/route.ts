import { createComplaintResponse } from "@/server/api/complaints";
import { getDb } from "@/server/db";

// Under `npm start` the production server calls this handler of the build itself, ahead of Next's
// request pipeline (scripts/fast-paths.ts); under `next start` and `next dev` Next calls it.
export const POST = (request: Request) => createComplaintResponse(request, getDb());
