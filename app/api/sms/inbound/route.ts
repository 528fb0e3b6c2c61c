import { getDb } from "@/server/db";
import { smsInboundResponse } from "@/server/sms/http";

export const dynamic = "force-dynamic";

/** Inbound SMS from the gateway (Kannel `sms-service` get-url, or a plain POST). */
export function GET(request: Request): Promise<Response> {
  return smsInboundResponse(request, getDb());
}

export function POST(request: Request): Promise<Response> {
  return smsInboundResponse(request, getDb());
}
