/**
 * Structured JSON logging: one JSON object per line, on stdout (debug, info) or stderr (warn,
 * error), at or above `LOG_LEVEL`. Callers pass ids and codes, never a reporter's identity; errors
 * are reduced by lib/log-error.ts (codes and cause chains, never SQL parameters). A line
 * written while a request is handled carries its id (`req`), as echoed in `X-Request-Id`.
 */
import { env } from "./env";
import { errorCode } from "./errors";
import { scrubText, serialiseError } from "./log-error";
import { currentRequestId } from "./request-id";

type Fields = Record<string, unknown>;
export type Level = "debug" | "info" | "warn" | "error";

const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

let threshold: number | undefined;
function minimum(): number {
  if (threshold === undefined) {
    try {
      threshold = RANK[env().LOG_LEVEL];
    } catch {
      threshold = RANK.info; // an invalid configuration is reported by the start itself
    }
  }
  return threshold;
}

/** Overrides LOG_LEVEL for this process (tests); undefined → back to LOG_LEVEL. */
export function setLogLevel(level: Level | undefined): void {
  threshold = level === undefined ? undefined : RANK[level];
}

/** Whether a line at `level` would be written (to skip building costly fields). */
export function logEnabled(level: Level): boolean {
  return RANK[level] >= minimum();
}

function serialise(fields: Fields): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v instanceof Error) {
      out[k] = serialiseError(v);
      const code = errorCode(v);
      if (code !== undefined && out.code === undefined && fields.code === undefined) out.code = code;
    } else out[k] = typeof v === "string" ? scrubText(v) : v;
  }
  return out;
}

/** Writes one line; also used for what other code prints with console.* (lib/console-json.ts). */
export function writeLog(level: Level, msg: string, fields: Fields = {}): void {
  if (!logEnabled(level)) return;
  const req = currentRequestId();
  let line: string;
  try {
    line = JSON.stringify({ t: new Date().toISOString(), level, msg: scrubText(msg), ...(req ? { req } : {}), ...serialise(fields) });
  } catch {
    line = JSON.stringify({ t: new Date().toISOString(), level, msg: scrubText(msg), ...(req ? { req } : {}), note: "fields not serialisable" });
  }
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(`${line}\n`);
}

export const log = {
  debug: (msg: string, fields?: Fields) => writeLog("debug", msg, fields),
  info: (msg: string, fields?: Fields) => writeLog("info", msg, fields),
  warn: (msg: string, fields?: Fields) => writeLog("warn", msg, fields),
  error: (msg: string, fields?: Fields) => writeLog("error", msg, fields),
};
