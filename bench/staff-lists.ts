/**
 * `staff_lists_http` (issue 13 item 3): the queue and an OPD inbox WITH filters, and the page
 * after the first through the keyset cursor, as signed-in HTTP requests against the production
 * portal on the synthetic database (`npm run bench:seed`). Target: p95 ≤ 100 ms each (1 session:
 * BENCH_STAFF_CONNECTIONS=1). Each variant is one JSON line, named by its query.
 */
import postgres from "postgres";
import type { Ctx } from "./benches";
import { log } from "./harness";
import { pageBench, signIn } from "./staff";
import { BENCH_EMAIL_DOMAIN } from "./synthetic";

/** The "Berikutnya" link of a list page (its keyset cursor), or null. */
async function nextPage(base: string, path: string, cookie: string): Promise<string | null> {
  const html = await (await fetch(`${base}${path}`, { headers: { cookie } })).text();
  const m = /href="([^"]*[?&](?:amp;)?after=[^"]*)"/.exec(html);
  return m ? m[1]!.replaceAll("&amp;", "&") : null;
}

export async function staffListsHttp(ctx: Ctx) {
  const base = ctx.server.base;
  const sql = postgres(ctx.databaseUrl, { max: 1, onnotice: () => {} });
  const [top] = await sql<{ code: string; n: number }[]>`
    select o.code, count(*)::int as n from complaints c join opds o on o.id = c.opd_id
    where c.status in ('disposed', 'in_progress', 'awaiting_reporter') group by o.code order by 2 desc limit 1`;
  const [kec] = await sql<{ id: number }[]>`select kecamatan_id as id from complaints where kecamatan_id is not null group by 1 order by count(*) desc limit 1`;
  await sql.end({ timeout: 5 });
  if (!top || !kec) throw new Error("no OPD has open complaints: was the database seeded (npm run bench:seed)?");
  const since = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);

  const coordinator = await signIn(base, `koordinator@${BENCH_EMAIL_DOMAIN}`);
  const officer = await signIn(base, `${top.code.toLowerCase()}.petugas@${BENCH_EMAIL_DOMAIN}`);
  const variants: [string, string, string][] = [
    ["queue_web_by_deadline", "/petugas/antrean?channel=web&sort=deadline", coordinator],
    ["queue_open_breached", "/petugas/antrean?status=open&sla=breached&sort=deadline", coordinator],
    ["queue_all_kecamatan_90d", `/petugas/antrean?status=all&kecamatan=${kec.id}&from=${since}&sort=newest`, coordinator],
    ["queue_all_returned", "/petugas/antrean?status=all&flag=returned&sort=newest", coordinator],
    ["queue_suspected_duplicates", "/petugas/antrean?flag=duplicate&sort=age", coordinator],
    ["inbox_at_risk", "/petugas/kotak-masuk?sla=at_risk", officer],
    ["inbox_sms_newest", "/petugas/kotak-masuk?channel=sms&sort=newest", officer],
    ["inbox_all_statuses_age", "/petugas/kotak-masuk?status=all&sort=age", officer],
  ];
  const results = [];
  for (const [name, path, cookie] of variants) {
    results.push(await pageBench(ctx, `staff_lists_http_${name}`, path, cookie, "<table", { opd: path.includes("kotak-masuk") ? top.code : undefined }));
    if (name === "queue_open_breached" || name === "inbox_all_statuses_age") {
      const next = await nextPage(base, path, cookie);
      if (next) results.push(await pageBench(ctx, `staff_lists_http_${name}_page2`, next, cookie, "<table", {}));
      else log(`staff_lists_http: ${name} has a single page`);
    }
  }
  return results;
}
