import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
  // Lets a second build live beside the main one (e.g. a developer's while tests run).
  distDir: process.env.PINTU_DIST_DIR || ".next",
  // The build checks the app; `npm run typecheck` checks everything, tests and benchmarks included.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  experimental: {
    // 5 attachments × 5 MB plus the text fields; larger bodies are refused with a clear error.
    serverActions: { bodySizeLimit: "26mb" },
  },
};

export default withNextIntl(nextConfig);
