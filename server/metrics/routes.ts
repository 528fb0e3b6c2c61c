import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The route label of a request path: the app's page or route pattern (`/lacak/[code]`), never the
 * path itself (codes and ids would make a series per complaint). Patterns come from the build's
 * routes manifest; Next's own assets and anything unknown (404s, probes) fall into fixed labels.
 */
type Route = { page: string; regex: RegExp };

export function loadRoutes(distDir: string): Route[] {
  try {
    const manifest = JSON.parse(readFileSync(path.join(distDir, "routes-manifest.json"), "utf8")) as {
      staticRoutes?: { page: string; regex: string }[];
      dynamicRoutes?: { page: string; regex: string }[];
    };
    // Static routes first: `/aduan/baru`-like pages win over a dynamic sibling.
    return [...(manifest.staticRoutes ?? []), ...(manifest.dynamicRoutes ?? [])].map((r) => ({ page: r.page, regex: new RegExp(r.regex) }));
  } catch {
    return [];
  }
}

const FIXED: [string, string][] = [
  ["/_next/static/", "/_next/static"],
  ["/_next/image", "/_next/image"],
  ["/_next/", "/_next"],
  ["/lapor-sim/", "/lapor-sim"],
];

/** Labels a request URL by the first pattern its path matches. */
export function routeLabeller(routes: Route[]): (url: string | undefined) => string {
  return (url) => {
    const raw = url ?? "/";
    const q = raw.indexOf("?");
    const pathname = q < 0 ? raw : raw.slice(0, q);
    const fixed = FIXED.find(([prefix]) => pathname.startsWith(prefix));
    if (fixed) return fixed[1];
    if (pathname === "/metrics") return "/metrics";
    return routes.find((r) => r.regex.test(pathname))?.page ?? "other";
  };
}
