import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { mkdtempSync } from "node:fs";
const dir = mkdtempSync("/tmp/pgl-");
const a = new PGlite(dir + "/a", { extensions: { pg_trgm } });
try { await a.exec("CREATE EXTENSION IF NOT EXISTS pg_trgm;"); console.log("dir ctor ok"); } catch (e) { console.log("dir ERR", e.message); }
await a.close();
const b = new PGlite({ dataDir: undefined, extensions: { pg_trgm } });
try { await b.exec("CREATE EXTENSION IF NOT EXISTS pg_trgm;"); console.log("options dataDir undefined ok"); } catch (e) { console.log("ERR", e.message); }
const c = new PGlite({ dataDir: dir + "/c", extensions: { pg_trgm } });
try { await c.exec("CREATE EXTENSION IF NOT EXISTS pg_trgm;"); await c.exec("create table t(x int)"); console.log("options dataDir ok"); } catch (e) { console.log("ERR", e.message); }
await c.close();
