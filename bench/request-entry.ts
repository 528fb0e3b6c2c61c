/**
 * `tsx bench/request-entry.ts`: the CPU cost of what every request to `npm start` now goes through
 * before the portal (scripts/http-entry.ts: client address and request id stamped, X-Request-Id,
 * route label, request counter and latency histogram, the id's async context). One process runs a
 * server and a keep-alive client; rounds alternate between a bare handler and the same handler
 * behind the entry, and the difference of CPU time per request (user + system, client included
 * in both) is the entry's cost. Prints one JSON line. Needs a build for the route labels (.next).
 */
import { createServer, request, Agent, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "@/db/client";
import { requestEntry } from "@/scripts/http-entry";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const REQUESTS = Number(process.env.BENCH_ENTRY_REQUESTS ?? 5000);
const ROUNDS = 7;

const bare: RequestListener = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end('{"ok":true}');
};

async function cpuPerRequest(listener: RequestListener): Promise<number> {
  const server = createServer(listener);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const req = request({ port, host: "127.0.0.1", path: "/api/v1/complaints/BTM-7K3Q9MZD", agent }, (res) => {
        res.resume();
        res.on("end", resolve);
      });
      req.on("error", reject);
      req.end();
    });
  for (let i = 0; i < 500; i++) await one(); // warm-up
  const before = process.cpuUsage();
  for (let i = 0; i < REQUESTS; i += 8) await Promise.all(Array.from({ length: 8 }, one));
  const used = process.cpuUsage(before);
  agent.destroy();
  await new Promise((r) => server.close(r));
  return (used.user + used.system) / REQUESTS;
}

const wrapped = requestEntry({ root, trust: { hops: 1 }, db: {} as Db, postgres: false, metricsToken: undefined }, bare);
const plain: number[] = [];
const entry: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  plain.push(await cpuPerRequest(bare));
  entry.push(await cpuPerRequest(wrapped));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  JSON.stringify({
    bench: "request_entry_cpu",
    requests_per_round: REQUESTS,
    rounds: ROUNDS,
    us_per_request_bare: Math.round(median(plain)),
    us_per_request_with_entry: Math.round(median(entry)),
    entry_cost_us: Math.round(median(entry) - median(plain)),
    at: new Date().toISOString(),
  }),
);
process.exit(0);
