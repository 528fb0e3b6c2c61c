/**
 * Starts the portal for the end-to-end suite on a fresh, throw-away embedded database:
 *   tsx e2e/support/serve.ts <port> <publicRateLimit>
 * The data directory is created empty under the OS temp dir and removed when the server exits,
 * so every run starts from the same seed and no run sees another's complaints.
 * Everything the server prints is also written to `<os tmpdir>/pintu-e2e-<port>.log` (emptied at start), so
 * a spec can check what reaches the log (e2e/anonymity.spec.ts: never a reporter's identity).
 * Mail is captured by e2e/support/mailbox.ts. E2E_SERVER=next serves it with plain `next start`.
 */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { E2E_SMS_KEY, e2eOutboundUrl } from "./kannel-config";
import { E2E_METRICS_TOKEN, E2E_SERVER, E2E_SIM_ADMIN_TOKEN } from "./servers";
import { smtpPort, startMailbox } from "./mailbox";

const [port = "3100", rateLimit = "1000"] = process.argv.slice(2);
const dataDir = mkdtempSync(path.join(os.tmpdir(), `pintu-e2e-${port}-`));
rmSync(dataDir, { recursive: true, force: true });

process.env.PORT = port;
process.env.PUBLIC_RATE_LIMIT = rateLimit;
process.env.DATA_DIR = dataDir;
// The SMS gateway spec (e2e/sms-gateway.spec.ts) runs Kannel beside this server.
process.env.SMS_INBOUND_KEY ??= E2E_SMS_KEY;
process.env.SMS_OUTBOUND_URL ??= e2eOutboundUrl(Number(port));
// Specs switch the mounted LAPOR simulator's faults through its admin API with this token.
process.env.LAPOR_SIM_ADMIN_TOKEN ??= E2E_SIM_ADMIN_TOKEN;
// E-mail to reporters goes to a real SMTP server in this process (e2e/support/mailbox.ts), and
// links in messages point at this server.
if (!process.env.SMTP_URL) {
  await startMailbox(Number(port));
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort(Number(port))}`;
}
process.env.PUBLIC_BASE_URL ??= `http://127.0.0.1:${port}`;
// Playwright gives the servers 10 s after SIGTERM; requests in flight get 5 of them.
process.env.SHUTDOWN_GRACE_SECONDS ??= "5";
// The /lapor map pin asks a tile server that cannot be reached (this machine has no network):
// the page must work without tiles (e2e/reporter-location.spec.ts).
process.env.MAP_TILE_URL ??= "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png";
// The SLA board's period figures follow the complaints within seconds, not a minute.
process.env.SLA_STATS_SECONDS ??= "2";
delete process.env.DATABASE_URL;
process.on("exit", () => rmSync(dataDir, { recursive: true, force: true }));

const logFile = path.join(os.tmpdir(), `pintu-e2e-${port}.log`);
writeFileSync(logFile, "");
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    appendFileSync(logFile, typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array));
    return write(chunk, ...rest);
  }) as typeof stream.write;
}

if (E2E_SERVER === "next") await serveWithNextStart();
else await import("@/scripts/start");

/**
 * The same portal under plain `next start` (E2E_SERVER=next): the database prepared as `npm start`
 * prepares it (`npm run db:seed`: migrations, reference and demo data), one fixed AUTH_SECRET
 * (`npm start` generates one into DATA_DIR), then Next alone on the port. SIGTERM is passed on.
 */
async function serveWithNextStart(): Promise<void> {
  const { spawn, spawnSync } = await import("node:child_process");
  const { buildIfNeeded } = await import("@/scripts/build-if-needed");
  if (process.env.PINTU_SKIP_BUILD !== "1") buildIfNeeded(process.cwd());
  process.env.AUTH_SECRET ??= "e2e-next-start-auth-secret-0123456789abcdef";
  // A route handler cannot see whether a caller is on this machine: /metrics wants the token.
  process.env.METRICS_TOKEN ??= E2E_METRICS_TOKEN;
  const seeded = spawnSync(process.execPath, ["--import", "tsx", "scripts/db-seed.ts"], { env: process.env, encoding: "utf8" });
  process.stdout.write(seeded.stdout);
  process.stderr.write(seeded.stderr);
  if (seeded.status !== 0) process.exit(1);
  const next = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", port, "-H", "127.0.0.1"], { env: process.env, stdio: ["ignore", "pipe", "pipe"] });
  next.stdout.on("data", (c: Buffer) => process.stdout.write(c));
  next.stderr.on("data", (c: Buffer) => process.stderr.write(c));
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => next.kill(signal));
  next.on("exit", (code) => process.exit(code ?? 1));
}
