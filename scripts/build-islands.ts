/**
 * Bundles the pages' small scripts (islands/) into public/islands/, served as static files:
 * the /lapor form's checks and location tools, and the map it loads on demand. Run before
 * `next build` (npm run build, and `npm start` when the sources changed).
 */
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

export async function buildIslands(root: string): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: { "lapor-form": "islands/lapor-form.ts", map: "islands/map.ts" },
    outdir: "public/islands",
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2020",
    // Leaflet's stylesheet names a few images (layer control, default marker): copied beside it.
    loader: { ".png": "file" },
    assetNames: "[name]-[hash]",
    legalComments: "none",
    logLevel: "warning",
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildIslands(path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."));
}
