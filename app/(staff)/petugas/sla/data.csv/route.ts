import { getTranslations } from "next-intl/server";
import { slaBoardScope } from "@/domain/permissions";
import { getDb } from "@/server/db";
import { boardContext, loadBoard } from "@/server/sla-board";
import { boardCsv } from "@/server/sla-csv";
import { currentStaff } from "@/server/staff";

/** The board's figures as CSV, for the same GET filters and the same scope as the page. */
export async function GET(req: Request) {
  const staff = await currentStaff();
  if (!staff) return Response.redirect(new URL("/masuk", req.url), 303);
  if (slaBoardScope(staff).kind === "none") return new Response("Not found\n", { status: 404 });
  const now = new Date();
  const db = getDb();
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const ctx = await boardContext(db, staff, params, now);
  const board = await loadBoard(db, ctx, now);
  const t = await getTranslations("sla");
  const csv = boardCsv(board.rows, { figures: board.total, open: board.openTotal }, ctx.filter, { noOpd: t("noOpd"), total: t("period.total") });
  const name = `sla-${ctx.ownOpd ? `${ctx.ownOpd.code.toLowerCase()}-` : ""}${ctx.filter.from}-${ctx.filter.to}.csv`;
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "private, no-store",
    },
  });
}
