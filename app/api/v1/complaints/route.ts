import { NextResponse } from "next/server";
import { clientAddress } from "@/server/client-address";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { badRequest, unsupportedMediaType } from "@/server/errors";
import { apiHandler, parseJsonObject, readBodyLimited } from "@/server/http";
import { intakeComplaint } from "@/server/intake";
import { enforceRateLimit } from "@/server/rate-limit";
import { MAX_BODY_BYTES, splitFormData } from "@/server/submission";

export const POST = apiHandler(async (request: Request) => {
  const e = env();
  const db = getDb();
  const now = new Date();
  // Compare the media type case-insensitively, but keep the header as sent: the multipart
  // boundary is case-sensitive (browsers send e.g. `----WebKitFormBoundaryAbC…`).
  const contentType = request.headers.get("content-type") ?? "";
  const type = contentType.toLowerCase();
  const isJson = type.startsWith("application/json");
  const isMultipart = type.startsWith("multipart/form-data");
  if (!isJson && !isMultipart) throw unsupportedMediaType(["application/json", "multipart/form-data"]);

  await enforceRateLimit(db, `public-write:${clientAddress(request.headers, e.TRUST_PROXY)}`, e.PUBLIC_RATE_LIMIT, now);

  const bytes = await readBodyLimited(request, MAX_BODY_BYTES);
  let submission: Awaited<ReturnType<typeof splitFormData>>;
  if (isJson) {
    submission = { raw: parseJsonObject(bytes), files: [] };
  } else {
    let form: FormData;
    try {
      form = await new Response(Buffer.from(bytes), { headers: { "content-type": contentType } }).formData();
    } catch {
      throw badRequest("Body is not valid multipart/form-data");
    }
    submission = await splitFormData(form);
  }

  const idempotencyKey = request.headers.get("idempotency-key")?.trim() || undefined;
  if (idempotencyKey && idempotencyKey.length > 255) throw badRequest("Idempotency-Key is longer than 255 characters");

  const result = await intakeComplaint(db, {
    raw: submission.raw,
    files: submission.files,
    channel: "web",
    region: e.PINTU_REGION,
    now,
    idempotencyKey,
  });
  const { replayed, trackingCode, status, accessKey } = result;
  const receipt = { trackingCode, status, accessKey };
  return NextResponse.json(receipt, {
    status: 201,
    headers: { Location: `/api/v1/complaints/${receipt.trackingCode}`, ...(replayed ? { "Idempotent-Replayed": "true" } : {}) },
  });
});
