import { openDb } from "../db/client";
import { listPage, WORKING_STATUSES, type ListWhere } from "../db/queries/staff-list";
import type { ListSort } from "../domain/list-filter";
import { searchComplaints } from "../server/search";

const url = "postgres://postgres@127.0.0.1:5432/pintu_bench";
const handle = openDb({ url, poolSize: 2 });
const db = handle.db;
const now = new Date();
const opdId = Number(process.argv[2] ?? 0);
const kec = Number(process.argv[3] ?? 0);
const since = new Date(Date.now() - 90 * 86_400_000);
const cases: [string, Partial<ListWhere>, ListSort][] = [
  ["queue default", { statuses: ["received"] }, "age"],
  ["queue web deadline", { statuses: ["received"], channel: "web" }, "deadline"],
  ["open breached deadline", { statuses: WORKING_STATUSES, sla: "breached" }, "deadline"],
  ["all kec 90d newest", { statuses: null, kecamatanId: kec, createdFrom: since }, "newest"],
  ["all returned newest", { statuses: null, flags: ["returned"] }, "newest"],
  ["all newest", { statuses: null }, "newest"],
  ["inbox default", { scopeOpdId: opdId, statuses: WORKING_STATUSES }, "deadline"],
  ["inbox at risk", { scopeOpdId: opdId, statuses: WORKING_STATUSES, sla: "at_risk" }, "deadline"],
  ["inbox sms newest", { scopeOpdId: opdId, statuses: WORKING_STATUSES, channel: "sms" }, "newest"],
  ["inbox all age", { scopeOpdId: opdId, statuses: null }, "age"],
];
for (const [name, w, sort] of cases) {
  const ms: number[] = [];
  let total = 0;
  let next = null;
  for (let i = 0; i < 8; i++) {
    const t = performance.now();
    const r = await listPage(db, { where: { flags: [], ...w } as ListWhere, sort, page: {}, role: "coordinator", now });
    ms.push(performance.now() - t);
    total = r.total;
    next = r.next;
  }
  const t2 = performance.now();
  if (next) await listPage(db, { where: { flags: [], ...w } as ListWhere, sort, page: { after: next }, role: "coordinator", now });
  ms.sort((a, b) => a - b);
  console.log(`${name.padEnd(26)} total=${total} median=${ms[4]!.toFixed(1)} max=${ms[7]!.toFixed(1)} page2=${(performance.now() - t2).toFixed(1)}`);
}
const staff = { id: 1, role: "coordinator" as const, opdId: null };
for (const q of ["jalan berlubang", "lampu mati", "pasar", "ktp belum jadi", "drainse"]) {
  const ms: number[] = [];
  let r;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    r = await searchComplaints(db, staff, q, "BTM", now);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(`search ${q.padEnd(19)} ${r!.readAs} total=${r!.total} median=${ms[2]!.toFixed(1)} max=${ms[4]!.toFixed(1)}`);
}
await handle.close();
