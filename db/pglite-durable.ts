import { fsyncSync } from "node:fs";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";

type Stream = { nfd?: number };
type NodeFsModule = {
  NODEFS: { stream_ops: { fsync?: (stream: Stream) => number } };
  FS: { ErrnoError: new (errno: number) => Error };
};
/** Emscripten's errno for EIO: PostgreSQL then treats the failed fsync as it would on any disk. */
const EIO = 29;

/**
 * PGlite 0.5 as shipped never makes a commit durable: it starts PostgreSQL with `-F` (fsync off),
 * and even with fsync on, the WebAssembly runtime's file layer (Emscripten's NODEFS) has no fsync of
 * its own, so `fsync()` inside PostgreSQL succeeds without reaching the disk and `fdatasync()` is a
 * no-op (electric-sql/pglite#1107). These options turn both on:
 *
 * - PostgreSQL's default start parameters without `-F`, and `wal_sync_method=fsync`: every commit
 *   calls `fsync()` on its WAL file before the commit is acknowledged (fdatasync would do nothing);
 * - a file layer whose fsync is the operating system's (`fsync(2)` on the real file).
 *
 * So a 201 means the WAL record of the complaint is on disk: it survives a process crash and a
 * power cut (README "Operations"). Checkpoints fsync the data files the same way.
 */
export function durablePgliteOptions(dataDir: string): Pick<PGliteOptions, "fs" | "startParams"> {
  const startParams = PGlite.defaultStartParams.filter((p) => p !== "-F");
  return { fs: new DurableNodeFS(dataDir), startParams: [...startParams, "-c", "fsync=on", "-c", "wal_sync_method=fsync"] };
}

/** PGlite's NodeFS whose fsync reaches the disk. */
class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: Parameters<NodeFS["init"]>[1]) {
    const result = await super.init(pg, opts);
    const preRun = result.emscriptenOpts.preRun ?? [];
    result.emscriptenOpts.preRun = [...preRun, (mod: unknown) => syncToDisk(mod as NodeFsModule)];
    return result;
  }
}

function syncToDisk(mod: NodeFsModule) {
  // Every NODEFS node shares this one stream_ops object. A directory stream has no native
  // descriptor here; PostgreSQL's directory syncs are then a no-op, as before.
  mod.NODEFS.stream_ops.fsync = (stream) => {
    if (stream.nfd === undefined) return 0;
    try {
      fsyncSync(stream.nfd);
    } catch {
      throw new mod.FS.ErrnoError(EIO);
    }
    return 0;
  };
}
