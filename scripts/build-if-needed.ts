import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "db", "domain", "lib", "server", "messages", "i18n", "integrations", "jobs", "islands"];
const FILES = ["proxy.ts", "instrumentation.ts", "next.config.mjs", "package-lock.json", "postcss.config.mjs", "tsconfig.json", "tsconfig.build.json"];

function walk(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else out.push(p);
  }
}

/** A fingerprint of everything the production build depends on (paths, sizes, mtimes). */
function fingerprint(root: string): string {
  const files: string[] = [];
  for (const d of SOURCES) walk(path.join(root, d), files);
  for (const f of FILES) if (existsSync(path.join(root, f))) files.push(path.join(root, f));
  const h = createHash("sha256");
  for (const f of files.sort()) {
    const s = statSync(f);
    h.update(`${path.relative(root, f)}:${s.size}:${s.mtimeMs}\n`);
  }
  return h.digest("hex");
}

/** Runs `next build` when there is no build or the sources changed since the last one. */
export function buildIfNeeded(root: string): void {
  const dist = process.env.PINTU_DIST_DIR || ".next";
  const marker = path.join(root, dist, "pintu-build-fingerprint");
  const current = fingerprint(root);
  const fresh = () => existsSync(path.join(root, dist, "BUILD_ID")) && existsSync(marker) && readFileSync(marker, "utf8") === current;
  if (fresh()) return;
  // Two processes starting at once (tests, benchmarks) must not build into .next together.
  const lock = path.join(root, `${dist}-build.lock`);
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const stale = existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 15 * 60_000;
      if (stale || Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    }
  }
  try {
    if (!fresh()) runBuild(root, marker, current);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function runBuild(root: string, marker: string, current: string): void {
  console.log("pintu: building the portal (first start or sources changed)…");
  const islands = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts", "build-islands.ts")], { cwd: root, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  if (islands.status !== 0) {
    console.error(islands.stderr);
    throw new Error("building the page scripts (islands/) failed");
  }
  const result = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    // Always a production build, also when started from a test run (vitest sets NODE_ENV=test).
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  // Relayed line by line through console, which `npm start` makes JSON (lib/console-json.ts).
  for (const [text, print] of [[result.stdout, console.log], [result.stderr, console.error]] as const) {
    for (const line of (text ?? "").split("\n")) if (line.trim()) print(line.trimEnd());
  }
  if (result.status !== 0) throw new Error("next build failed");
  writeFileSync(marker, current);
}
