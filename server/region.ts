import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

let cached: { code: string; name: string } | undefined;

/** The deployment's region (code and display name), from the region's seed data in this repository. */
export function region(): { code: string; name: string } {
  if (cached) return cached;
  const code = env().PINTU_REGION;
  const file = path.join(process.cwd(), "db", "seed", "data", code.toLowerCase(), "areas.json");
  const data = JSON.parse(readFileSync(file, "utf8")) as { name: string };
  return (cached = { code, name: data.name });
}
