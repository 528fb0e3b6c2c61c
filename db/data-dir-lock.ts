import { spawnSync } from "node:child_process";
import { closeSync, constants, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import path from "node:path";

/** Another process owns the embedded database folder: reported as one line, exit non-zero. */
export class DataDirLockedError extends Error {}

export type DataDirLock = { file: string; release: () => void };

const LOCK_FILE = "pintu.lock";
let warnedNoFlock = false;

/**
 * Makes this process the only owner of an embedded database folder (`DATA_DIR`): an exclusive
 * `flock` on `<dir>/pintu.lock`, which then holds this process's pid for the message others get.
 *
 * The lock is the kernel's, not a pid file: it belongs to the open file this process keeps, so
 * the operating system releases it when the process ends in any way (exit, crash, SIGKILL, power
 * cut) and a stale file never blocks a restart. Node has no flock call and the npm packages that
 * add one need native install scripts, so util-linux's `flock(1)` (part of every Debian system)
 * takes it on our descriptor, passed as its fd 3 — the lock stays with the descriptor we keep
 * after that command exits (the shell idiom `exec 9>file; flock -n 9`). Node opens files
 * close-on-exec, so processes we start later never inherit it.
 */
export function lockDataDir(dir: string): DataDirLock {
  const folder = path.resolve(dir);
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, LOCK_FILE);
  const fd = openSync(file, constants.O_RDWR | constants.O_CREAT, 0o644);
  const taken = spawnSync("flock", ["--nonblock", "--exclusive", "3"], { stdio: ["ignore", "ignore", "pipe", fd] });
  if (taken.error) {
    // No flock(1) (not Linux): the folder cannot be guarded; say so once rather than refuse to run.
    if (!warnedNoFlock) console.warn(`pintu: cannot lock ${folder} (flock(1) unavailable: ${taken.error.message}); run only one process on it`);
    warnedNoFlock = true;
    return { file, release: () => closeSync(fd) };
  }
  if (taken.status !== 0) {
    closeSync(fd);
    if (taken.status !== 1) throw new Error(`cannot lock ${folder}: flock exited ${taken.status}: ${taken.stderr.toString().trim()}`);
    const holder = readFileSync(file, "utf8").trim() || "unknown";
    throw new DataDirLockedError(`pintu: the embedded database in ${folder} is in use by another process (pid ${holder}); stop it first, or use PostgreSQL (DATABASE_URL) for several processes`);
  }
  ftruncateSync(fd, 0);
  writeSync(fd, `${process.pid}\n`, 0);
  let released = false;
  return {
    file,
    release: () => {
      if (released) return;
      released = true;
      closeSync(fd);
    },
  };
}
