import "server-only";
import type { Db } from "@/db/client";
import { MAX_BODY_BYTES } from "@/domain/complaint-input";
import { apiLocale } from "@/server/api-messages";
import { clientAddress } from "@/server/client-address";
import { env } from "@/lib/env";
import { badRequest, notFound, unsupportedMediaType } from "@/lib/errors";
import { apiHandler, parseJsonObject, readBodyLimited } from "@/server/http";
import { intakeComplaint } from "@/server/intake";
import { loadPublicComplaint } from "@/server/public-complaint";
import { publicComplaintJson } from "@/server/public-json";
import { enforceRateLimit } from "@/server/rate-limit";
import { splitFormData } from "@/server/submission";

/**
 * The JSON API's complaint endpoints (CONTRACTS.md). Each is one function of a web Request, called
 * by Next's route handlers (app/api/v1/complaints/…), which the production server's fast path
 * (scripts/fast-paths.ts) calls itself to skip Next's per-request work.
 */

/** `POST /api/v1/complaints`: JSON or multipart intake, answered with the receipt. */
export const createComplaintResponse = apiHandler(async (request: Request, db: Db) => {
  const e = env();
  const now = new Date();
  // Compare the media type case-insensitively, but keep the header as sent: the multipart
  // boundary is case-sensitive (browsers send e.g. `----WebKitFormBoundaryAbC…`).
  const contentType = request.headers.get("content-type") ?? "";
  const type = contentType.toLowerCase();
  const isJson = type.startsWith("application/json");
  const isMultipart = type.startsWith("multipart/form-data");
  if (!isJson && !isMultipart) throw unsupportedMediaType(["application/json", "multipart/form-data"]);

  await enforceRateLimit(db, `public-write:${clientAddress(request.headers)}`, e.PUBLIC_RATE_LIMIT, now);

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
  return Response.json(
    { trackingCode, status, accessKey },
    { status: 201, headers: { Location: `/api/v1/complaints/${trackingCode}`, ...(replayed ? { "Idempotent-Replayed": "true" } : {}) } },
  );
});

/** `GET /api/v1/complaints/<code>[?key=…]`: the public view, or the full one with the access key. */
export const complaintJsonResponse = apiHandler(async (request: Request, db: Db, code: string) => {
  const e = env();
  const key = new URL(request.url).searchParams.get("key");
  const view = await loadPublicComplaint(db, code, e.PINTU_REGION, key);
  if (!view) throw notFound();
  const body = publicComplaintJson(view, apiLocale(request.headers.get("accept-language")), e.PINTU_TIME_ZONE);
  // `Referrer-Policy: no-referrer` (the `?key=`) comes from stricterHeaders (server/security-headers.ts).
  return Response.json(body, { headers: { "Cache-Control": "private, no-store" } });
});
