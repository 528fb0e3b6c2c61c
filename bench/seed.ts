/**
 * `npm run bench:seed -- [--complaints 1000000] [--database-url URL] [--fresh] [--force]`
 *
 * Fills a dedicated PostgreSQL database (default `pintu_bench` on the server of
 * BENCH_DATABASE_URL | TEST_DATABASE_URL | postgres://postgres@127.0.0.1:5432/postgres, created
 * if missing) with synthetic complaints spread over five years, OPDs, categories, areas, channels
 * and states, with their events (~8 per complaint), delivered outbox rows and deadline columns
 * computed on the working calendar. All in set-based SQL (bench/seed-sql.ts).
 *
 * Safety: the database is marked synthetic (a comment on the database). A database holding
 * complaints without that mark is refused unless --force (then synthetic data is added beside
 * them). A marked database that already holds the requested count is reused as it is (several
 * people share one server); --fresh drops and regenerates it. Runs for the same database are
 * serialised by an advisory lock.
 *
 * Staff accounts for signed-in benchmarks: koordinator@bench.pintu.invalid, admin@…, auditor@…,
 * and per OPD <code>.petugas@… (officer) and <code>.kepala@… (head), all with the password
 * BENCH_STAFF_PASSWORD (default "bench-staff-password"). The private access key of synthetic
 * complaint <id> is "bench-<id>". Synthetic data only: never point this at a real deployment.
 */
import { parseArgs } from "node:util";
import postgres from "postgres";
import { runScript, UsageError } from "@/scripts/run-script";
import { completeSynthetic, decideSeed, ensureSyntheticStaff, generateSynthetic, MARK, readSeedState, type Mark } from "./synthetic";

const log = (msg: string) => process.stderr.write(`bench:seed: ${msg}\n`);

function options() {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== "--"),
    options: {
      complaints: { type: "string", default: "1000000" },
      "database-url": { type: "string" },
      fresh: { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      region: { type: "string", default: "BTM" },
      "time-zone": { type: "string", default: "Asia/Jakarta" },
    },
  });
  const n = Number(values.complaints);
  if (!Number.isInteger(n) || n < 1 || n > 50_000_000) throw new UsageError("--complaints must be a whole number between 1 and 50000000");
  const server = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  let url: URL;
  try {
    url = new URL(values["database-url"] ?? server);
  } catch {
    throw new UsageError("--database-url is not a valid URL");
  }
  if (!values["database-url"]) url.pathname = "/pintu_bench";
  const dbName = decodeURIComponent(url.pathname.slice(1));
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(dbName)) throw new UsageError(`database name "${dbName}" must be a plain identifier`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  return { n, url: url.toString(), admin: admin.toString(), dbName, fresh: values.fresh, force: values.force, region: values.region, timeZone: values["time-zone"] };
}

const pg = (url: string) => postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });

async function setMark(admin: postgres.Sql, dbName: string, mark: Mark) {
  await admin.unsafe(`COMMENT ON DATABASE "${dbName}" IS '${JSON.stringify(mark).replace(/'/g, "''")}'`);
}

await runScript(async () => {
  const o = options();
  const t0 = Date.now();
  const admin = pg(o.admin);
  try {
    // Serialise seeders of the same database (advisory locks are per database: take it in "postgres").
    await admin`select pg_advisory_lock(hashtext(${`pintu-bench-seed:${o.dbName}`}))`;
    const exists = (await admin`select 1 from pg_database where datname = ${o.dbName}`).length > 0;
    const state = exists ? await readSeedState(o.url) : { complaints: 0, mark: null };
    const decision = decideSeed({ exists, ...state }, o);
    if (decision === "refuse") {
      throw new UsageError(`${o.dbName} holds ${state.complaints} complaints that are not synthetic: refusing to touch it (--force adds synthetic data beside them)`);
    }
    if (decision === "reuse") {
      log(`${o.dbName} already holds ${state.complaints} synthetic complaints (generated ${state.mark!.at}); reusing it (--fresh regenerates)`);
      await ensureSyntheticStaff(o.url, o.region);
      for (const d of await completeSynthetic(o.url, o.timeZone)) log(`completed what an older generator left out: ${d}`);
      console.log(JSON.stringify({ database: o.dbName, reused: true, complaints: state.complaints }));
      return;
    }
    if (decision === "recreate") {
      log(`dropping the synthetic database ${o.dbName} to regenerate it`);
      await admin.unsafe(`DROP DATABASE "${o.dbName}" WITH (FORCE)`);
    }
    if (decision === "create" || decision === "recreate") {
      log(`creating database ${o.dbName}`);
      await admin.unsafe(`CREATE DATABASE "${o.dbName}"`);
    }
    // Real complaints stay unmarked (--force): a later run must never take them for synthetic.
    const marked = decision !== "append" || state.mark !== null || state.complaints === 0;
    const already = decision === "append" ? state.complaints : 0;
    if (marked) await setMark(admin, o.dbName, { mark: MARK, complaints: already + o.n, complete: false, at: new Date().toISOString() });
    await ensureSyntheticStaff(o.url, o.region);
    log(`migrated; reference data, holidays and synthetic staff in place; generating ${o.n} complaints`);
    const r = await generateSynthetic(o.url, o.n, o.region, o.timeZone);
    const seconds = Math.round((Date.now() - t0) / 1000);
    if (marked) await setMark(admin, o.dbName, { mark: MARK, complaints: already + r.complaints, complete: true, at: new Date().toISOString(), seconds });
    log(`done in ${seconds} s: ${r.complaints} complaints, ${r.events} events, ${r.outbox} outbox rows`);
    console.log(JSON.stringify({ database: o.dbName, seconds, ...r }));
  } finally {
    await admin.end({ timeout: 5 });
  }
});
