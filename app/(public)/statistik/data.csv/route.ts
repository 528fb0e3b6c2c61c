import { parseYear, publicStatsView } from "@/server/public-stats";
import { PUBLIC_CACHE_CONTROL, statsCsv } from "@/server/public-stats-export";

/** Open data: the year's statistics as CSV (`?year=YYYY`, default this year). */
export async function GET(req: Request) {
  const year = parseYear(new URL(req.url).searchParams.get("year"), new Date());
  if (year === null) return new Response("invalid year: use a 4-digit year from 2000 to this year\n", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  const csv = statsCsv(await publicStatsView(year));
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="statistik-pengaduan-${year}.csv"`,
      "cache-control": PUBLIC_CACHE_CONTROL,
      "access-control-allow-origin": "*",
    },
  });
}
