/**
 * `tsx bench/profile-summary.ts <file.cpuprofile> [--top N] [--from S] [--to S]`: where a V8
 * CPU profile (from BENCH_CPU_PROF=1) spent its time — self time by function and by package, and
 * inclusive time of the app's own functions. --from/--to keep only samples between those seconds
 * after the profile started (e.g. to drop the startup).
 */
import { readFileSync } from "node:fs";

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
};
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
if (!file) {
  console.error("usage: tsx bench/profile-summary.ts <file.cpuprofile> [--top N] [--from S] [--to S]");
  process.exit(2);
}
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const top = opt("--top", 25);
const fromUs = opt("--from", 0) * 1e6;
const toUs = opt("--to", Infinity) * 1e6;

const p = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** Which package (or app area) a frame belongs to. */
function area(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith("node:")) return "node:internal";
  if (url.includes("/.next/server/chunks/") || url.includes("/.next/server/app/")) {
    // Next bundles app code and some dependencies into chunks; name by chunk.
    return `.next/${url.split("/.next/")[1]!.split("/").slice(0, 2).join("/")}`;
  }
  if (url.includes("/work/")) return `app:${url.split("/").slice(-2).join("/")}`;
  return url.split("/").slice(0, 3).join("/");
}

// Busy share per 5 s bucket, to choose --from/--to (startup vs load).
const idleIds = new Set(p.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
const buckets: { busy: number; all: number }[] = [];
{
  let tt = 0;
  for (let i = 0; i < p.samples.length; i++) {
    tt += p.timeDeltas[i] ?? 0;
    const b = (buckets[Math.floor(tt / 5e6)] ??= { busy: 0, all: 0 });
    const dt = p.timeDeltas[i + 1] ?? 0;
    b.all += dt;
    if (!idleIds.has(p.samples[i]!)) b.busy += dt;
  }
}
console.log(`busy per 5 s: ${buckets.map((b, i) => `${i * 5}s:${Math.round((100 * b.busy) / Math.max(1, b.all))}%`).join(" ")}`);

const selfUs = new Map<number, number>();
let t = 0;
let total = 0;
for (let i = 0; i < p.samples.length; i++) {
  t += p.timeDeltas[i] ?? 0;
  if (t < fromUs || t > toUs) continue;
  const dt = p.timeDeltas[i + 1] ?? 0;
  selfUs.set(p.samples[i]!, (selfUs.get(p.samples[i]!) ?? 0) + dt);
  total += dt;
}

const fnSelf = new Map<string, number>();
const areaSelf = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const n = byId.get(id)!;
  const { functionName, url, lineNumber } = n.callFrame;
  const key = `${functionName || "(anonymous)"} ${url.replace(/^.*\/(node_modules|\.next)\//, "$1/")}:${lineNumber + 1}`;
  fnSelf.set(key, (fnSelf.get(key) ?? 0) + us);
  const a = area(url, functionName);
  areaSelf.set(a, (areaSelf.get(a) ?? 0) + us);
  // Inclusive time per distinct function on the stack (counted once per sample).
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const f = byId.get(cur)!.callFrame;
    const k = `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*\/(node_modules|\.next)\//, "$1/")}:${f.lineNumber + 1}`;
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + us);
  }
}

const pct = (us: number) => `${((100 * us) / Math.max(1, total)).toFixed(1).padStart(5)} %`;
const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
const show = (title: string, m: Map<string, number>, n: number) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${ms(v)} ${pct(v)}  ${k}`);
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s of samples`);
show("self time by package / area", areaSelf, top);
show("self time by function", fnSelf, top);
show("inclusive time by function", inclusive, top * 2);
