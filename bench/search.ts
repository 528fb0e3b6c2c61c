import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDb } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { searchComplaints } from "@/server/search";
import { emit, log, percentile, round, waitQuiet } from "./harness";

/**
 * `staff_search`: the staff search (server/search.ts, what /petugas/cari runs, audit insert
 * included) on the synthetic database of `npm run bench:seed` (default pintu_bench on the bench
 * server; BENCH_STAFF_DATABASE_URL picks another), one query at a time, per kind of query:
 *   code     tracking codes of random complaints, typed without the prefix in lower case
 *   phone    reporters' phone numbers of random complaints, typed as 0812-…
 *   words    two words of the synthetic subjects and places (full text), some with a typo
 *   opd_words the same words as an officer of one OPD (search within the OPD)
 *   typo     words with a typo that match nothing exactly: the trigram fallback on titles
 * Target: p95 ≤ 150 ms each with 1,000,000 complaints. The phone searches write their audit rows
 * (as the page does) into the synthetic database.
 */
const WORDS = ["jalan berlubang", "lampu mati", "sampah menumpuk", "drainase tersumbat", "parkir liar", "air pdam", "pungutan liar", "pohon tumbang", "seragam mahal", "antrean puskesmas", "pasar", "halte bus", "pelabuhan", "ktp belum jadi"];
const TYPOS = ["jalan berlubng", "drainse", "pungutan lair", "puskesmas antri"];

export async function staffSearchBench(opts: { adminUrl: string; waitQuietS: number; samples?: number }): Promise<Record<string, unknown>[]> {
  const url = new URL(process.env.BENCH_STAFF_DATABASE_URL || opts.adminUrl);
  if (!process.env.BENCH_STAFF_DATABASE_URL) url.pathname = "/pintu_bench";
  const dbName = decodeURIComponent(url.pathname.slice(1));
  const handle = openDb({ url: url.toString(), poolSize: 2 });
  const raw = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const results: Record<string, unknown>[] = [];
  try {
    const t0 = Date.now();
    await migrateDb(handle); // builds the search indexes on a database seeded before they existed
    log(`staff_search: ${dbName} migrated (${Date.now() - t0} ms)`);
    // A database seeded before the search column existed has no statistics for it yet (this
    // machine runs PostgreSQL without autovacuum); without them the planner reads every match.
    await raw`analyze complaints`;
    const [{ n }] = (await raw`select count(*)::int as n from complaints`) as unknown as [{ n: number }];
    const samples = opts.samples ?? 200;
    const codes = (await raw`select tracking_code from complaints tablesample system (1) limit ${samples}`).map((r) => String(r.tracking_code));
    const phones = (await raw`select reporter_phone from complaints tablesample system (1) where reporter_phone like '+628%' limit ${samples}`).map((r) => String(r.reporter_phone));
    const [coord] = await raw`select id from users where role = 'coordinator' and active order by id limit 1`;
    const [officer] = await raw`select u.id, u.opd_id from users u join complaints c on c.opd_id = u.opd_id where u.role = 'opd_officer' group by u.id, u.opd_id order by count(*) desc limit 1`;
    if (!coord || !officer) throw new Error(`${dbName} has no synthetic coordinator or officer: run npm run bench:seed first`);
    const coordinator = { id: Number(coord.id), role: "coordinator" as const, opdId: null };
    const opd = { id: Number(officer.id), role: "opd_officer" as const, opdId: Number(officer.opd_id) };

    const kinds: [string, typeof coordinator | typeof opd, string[]][] = [
      ["code", coordinator, codes.map((c) => c.slice(4).toLowerCase())],
      ["phone", coordinator, phones.map((p) => `0${p.slice(3, 6)}-${p.slice(6, 10)}-${p.slice(10)}`)],
      ["words", coordinator, Array.from({ length: samples }, (_, i) => WORDS[i % WORDS.length]!)],
      ["opd_words", opd, Array.from({ length: samples }, (_, i) => WORDS[(i * 7) % WORDS.length]!)],
      ["typo", coordinator, Array.from({ length: Math.ceil(samples / 4) }, (_, i) => TYPOS[i % TYPOS.length]!)],
    ];
    const auditFrom = Number((await raw`select coalesce(max(id), 0) as m from audit_log`)[0]!.m);
    for (const [kind, who, queries] of kinds) {
      const other = await waitQuiet([], dbName, opts.waitQuietS);
      const ms: number[] = [];
      let hits = 0;
      for (const q of queries) {
        const s = performance.now();
        const r = await searchComplaints(handle.db, who, q, "BTM", new Date());
        ms.push(performance.now() - s);
        if (r.rows.length > 0) hits++;
      }
      ms.sort((a, b) => a - b);
      const result = {
        bench: `staff_search_${kind}`,
        complaints: n,
        queries: queries.length,
        with_results: hits,
        p50_ms: round(percentile(ms, 50), 1),
        p95_ms: round(percentile(ms, 95), 1),
        p99_ms: round(percentile(ms, 99), 1),
        max_ms: round(ms[ms.length - 1]!, 1),
        other_cores: round(other, 2),
        target: "p95 <= 150 ms with 1,000,000 complaints",
      };
      emit(result);
      results.push(result);
    }
    const audited = await handle.db.execute(sql`select count(*)::int as n from audit_log where id > ${auditFrom} and action = 'search_contact'`);
    log(`staff_search: ${JSON.stringify(audited)} contact searches audited`);
    return results;
  } finally {
    await raw.end({ timeout: 5 });
    await handle.close();
  }
}
