import { normalizeTrackingCode } from "@/domain/tracking-code";
import { attachmentId, fileResponse, loadServable, notFoundResponse, wantsThumbnail } from "@/server/attachment-serving";
import { getDb } from "@/server/db";
import { keyMatches } from "@/server/public-complaint";
import { region } from "@/server/region";

type Ctx = { params: Promise<{ code: string; id: string }> };

/**
 * An attachment outside the staff area. With the reporter's key: every attachment of their
 * complaint. Without it: only a staff attachment marked public, of a complaint that is not
 * confidential — never the citizen's originals. Anything else is "not found".
 */
export async function GET(req: Request, { params }: Ctx): Promise<Response> {
  const p = await params;
  const code = normalizeTrackingCode(p.code, region().code);
  const id = attachmentId(p.id);
  if (!code || id === null) return notFoundResponse();
  const url = new URL(req.url);
  const key = url.searchParams.get("key");
  const thumb = wantsThumbnail(url);
  const a = await loadServable(getDb(), id, thumb, (x) => {
    if (x.trackingCode !== code) return false;
    if (key && keyMatches(key, x.accessKeyHash)) return true;
    return x.source === "staff" && x.public && !x.confidential;
  });
  return a ? fileResponse(a, thumb) : notFoundResponse();
}
