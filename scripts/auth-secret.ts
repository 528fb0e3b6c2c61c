import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, type Env } from "@/lib/env";

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

/**
 * The secret `npm start` signs sessions with. With PostgreSQL it must come from the environment:
 * several hosts share the database, and a host with a secret of its own would bounce every session
 * the others signed — so starting without one is refused (one line). Embedded: generated once.
 */
export function authSecretFor(e: Env): string {
  if (!e.embedded && !e.AUTH_SECRET) {
    throw new ConfigError("Invalid configuration: AUTH_SECRET is required with DATABASE_URL (every host must sign staff sessions with the same secret; e.g. AUTH_SECRET=$(openssl rand -base64 48))");
  }
  return ensureAuthSecret(e.DATA_DIR, e.AUTH_SECRET).secret;
}
