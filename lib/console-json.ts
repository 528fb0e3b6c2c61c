import { inspect } from "node:util";
import { writeLog, type Level } from "./log";
import { serialiseError, type LoggedError } from "./log-error";

/**
 * Makes everything printed with `console.*` in this process a JSON log line, so an operator's log
 * shipper reads one format: our own banners, and what Next and libraries print (Next writes a
 * render or action error with `console.error(err)`; it now goes through the same error reduction,
 * so drizzle's "Failed query … params" never reaches the log with its parameters).
 * Installed by the long-running processes (`npm start`, `npm run worker`), not by one-shot commands.
 */
// eslint-disable-next-line no-control-regex -- the escape character is what an ANSI colour code starts with
const ANSI = /\u001b\[[0-9;]*m/g;

function toLine(args: unknown[]): { msg: string; fields: Record<string, unknown> } {
  const parts: string[] = [];
  let err: Error | undefined;
  for (const a of args) {
    if (a instanceof Error && !err) err = a;
    else if (typeof a === "string") parts.push(a);
    else parts.push(inspect(a, { depth: 2, breakLength: Infinity, colors: false }));
  }
  const text = parts.join(" ").replace(ANSI, "").replace(/^[⨯⚠✓▲○]\s*/u, "").trim();
  const msg = text || (err ? `${err.name}: ${(serialiseError(err) as LoggedError).message.split("\n")[0]}` : "");
  return { msg, fields: err ? { err } : {} };
}

const installedKey = Symbol.for("pintu.console-json");

/** Routes console.* through the JSON log; returns a function that puts the originals back (tests). */
export function installJsonConsole(): () => void {
  const g = globalThis as Record<symbol, unknown>;
  const original = { log: console.log, info: console.info, debug: console.debug, trace: console.trace, warn: console.warn, error: console.error };
  if (g[installedKey]) return () => {};
  g[installedKey] = true;
  const route = (level: Level) => (...args: unknown[]) => {
    const { msg, fields } = toLine(args);
    writeLog(level, msg, fields);
  };
  console.log = route("info");
  console.info = route("info");
  console.debug = route("debug");
  console.trace = route("debug");
  console.warn = route("warn");
  console.error = route("error");
  return () => {
    Object.assign(console, original);
    g[installedKey] = false;
  };
}
