import { createComplaintResponse } from "@/server/api/complaints";
import { getDb } from "@/server/db";

// Under `npm start` the production server answers this path itself (scripts/fast-paths.ts);
// this route serves `next dev` and any other way of running the app, with the same function.
export const POST = (request: Request) => createComplaintResponse(request, getDb());
