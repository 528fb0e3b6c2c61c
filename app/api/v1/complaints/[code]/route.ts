import { NextResponse } from "next/server";
import { apiLocale } from "@/server/api-messages";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { notFound } from "@/server/errors";
import { apiHandler } from "@/server/http";
import { loadPublicComplaint } from "@/server/public-complaint";
import { publicComplaintJson } from "@/server/public-json";

export const GET = apiHandler(async (request: Request, ctx: { params: Promise<{ code: string }> }) => {
  const { code } = await ctx.params;
  const e = env();
  const key = new URL(request.url).searchParams.get("key");
  const view = await loadPublicComplaint(getDb(), code, e.PINTU_REGION, key);
  if (!view) throw notFound();
  const body = publicComplaintJson(view, apiLocale(request.headers.get("accept-language")), e.PINTU_TIME_ZONE);
  return NextResponse.json(body, { headers: { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" } });
});
