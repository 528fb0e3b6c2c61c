import { normalizeTrackingCode } from "@/domain/tracking-code";
import { env } from "@/lib/env";
import { privatePath } from "@/server/reporter-keys";

/**
 * The short private link of an SMS (`/k/<code without region>/<key>`): redirects to the
 * reporter's page, where the key is checked. Never cached, and no Referer leaves with the key.
 */
export async function GET(request: Request, { params }: { params: Promise<{ tail: string; key: string }> }) {
  const { tail, key } = await params;
  const region = env().PINTU_REGION;
  const code = normalizeTrackingCode(`${region}-${tail}`, region);
  const target = code && /^[A-Za-z0-9_-]{1,64}$/.test(key) ? privatePath(code, key) : "/lacak";
  return new Response(null, {
    status: 303,
    // No Referer with the key: `no-referrer` comes from stricterHeaders (server/security-headers.ts).
    headers: { location: target, "cache-control": "no-store" },
  });
}
