import { canSeeComplaint } from "@/domain/permissions";
import { attachmentNameFor } from "@/domain/reporter-text";
import { attachmentId, fileResponse, loadServable, notFoundResponse, wantsThumbnail } from "@/server/attachment-serving";
import { getDb } from "@/server/db";
import { currentStaff } from "@/server/staff";

type Ctx = { params: Promise<{ id: string }> };

/**
 * An attachment for staff: any role that may see the complaint (an OPD only its own; else 404),
 * under the name this role may see (an anonymous reporter's own file name is replaced).
 */
export async function GET(req: Request, { params }: Ctx): Promise<Response> {
  const staff = await currentStaff();
  if (!staff) return Response.redirect(new URL("/masuk", req.url), 303);
  const id = attachmentId((await params).id);
  if (id === null) return notFoundResponse();
  const url = new URL(req.url);
  const thumb = wantsThumbnail(url);
  const a = await loadServable(getDb(), id, thumb, (x) => canSeeComplaint(staff, x.complaintOpdId));
  return a ? fileResponse({ ...a, fileName: attachmentNameFor(staff.role, a)(a) }, thumb) : notFoundResponse();
}
