import { parseYear, publicStatsView } from "@/server/public-stats";
import { PUBLIC_CACHE_CONTROL, statsJson } from "@/server/public-stats-export";

/** Open data: the year's statistics as JSON (`?year=YYYY`, default this year). */
export async function GET(req: Request) {
  const year = parseYear(new URL(req.url).searchParams.get("year"), new Date());
  if (year === null) return Response.json({ error: "invalid_year", message: "year must be a 4-digit year from 2000 to this year" }, { status: 400 });
  const body = statsJson(await publicStatsView(year));
  return Response.json(body, { headers: { "cache-control": PUBLIC_CACHE_CONTROL, "access-control-allow-origin": "*" } });
}
