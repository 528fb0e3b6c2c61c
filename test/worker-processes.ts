/**
 * Real worker processes (`scripts/worker.ts`, as `npm run worker` runs it) against a test
 * database and a LAPOR simulator, for tests that kill a worker midway and start another.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

export function workerProcesses(base: () => { databaseUrl: string; laporUrl: string; env?: Record<string, string> }) {
  const alive = new Set<ChildProcess>();
  const output: string[] = [];

  function start(): ChildProcess {
    const { databaseUrl, laporUrl, env } = base();
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PINTU_DEMO: "0",
        LAPOR_BASE_URL: laporUrl,
        LAPOR_API_KEY: "k",
        LAPOR_INSTITUTION_TOKEN: "t",
        LAPOR_INSTITUTION_ID: "2171",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const keep = (d: Buffer) => {
      output.push(d.toString());
      if (output.length > 50) output.shift();
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    alive.add(child);
    child.on("exit", () => alive.delete(child));
    return child;
  }

  /** SIGKILL: the worker gets no chance to record anything. */
  const kill = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });

  /** Waits until `check` holds, polling; the error names what it waited for and the workers' last output. */
  async function until(what: string, check: () => Promise<boolean>, timeoutMs = 240_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; workers alive: ${alive.size}; last output:\n${output.slice(-5).join("")}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  return { start, kill, until, alive, killAll: () => Promise.all([...alive].map(kill)) };
}
