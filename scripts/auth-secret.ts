import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * AUTH_SECRET signs staff sessions. When it is not configured, one is generated once and kept
 * in DATA_DIR (readable by its owner only), so sessions survive restarts on a single machine.
 * Several app processes on different machines must share an AUTH_SECRET from the environment.
 */
export function ensureAuthSecret(dataDir: string, configured: string | undefined): { secret: string; generated: boolean } {
  if (configured) return { secret: configured, generated: false };
  const file = path.resolve(dataDir, "auth-secret");
  if (existsSync(file)) return { secret: readFileSync(file, "utf8").trim(), generated: true };
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return { secret, generated: true };
}
