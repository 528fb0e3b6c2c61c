import { spawn } from "node:child_process";
import path from "node:path";

/**
 * The production build, for tests that run its code (test/fault.test.ts, scripts/fast-paths.test.ts):
 * made when missing or stale by `buildIfNeeded` (scripts/build-if-needed.ts: minutes on a small
 * machine, a fingerprint check when fresh; its lock lets both tests ask at once), in a child
 * process, so the test worker stays responsive to vitest meanwhile. Resolves to the build's folder.
 */
export async function productionBuild(root: string): Promise<string> {
  const script = 'import { buildIfNeeded } from "./scripts/build-if-needed.ts"; buildIfNeeded(process.cwd());';
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  for (const s of [child.stdout, child.stderr]) s.on("data", (d: Buffer) => (output = (output + d.toString("utf8")).slice(-20_000)));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`the production build failed (exit ${code}):\n${output}`);
  return path.resolve(root, process.env.PINTU_DIST_DIR || ".next");
}
