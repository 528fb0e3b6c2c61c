import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
  // proxy.ts sees the request as sent, flight headers included: without this Next hides the router
  // state header from it, and one Next cannot parse becomes a 500 the request guard never saw.
  skipProxyUrlNormalize: true,
  // Lets a second build live beside the main one (e.g. a developer's while tests run).
  distDir: process.env.PINTU_DIST_DIR || ".next",
  // The build checks the app; `npm run typecheck` checks everything, tests and benchmarks included.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  experimental: {
    // 5 attachments × 5 MB plus the text fields; larger bodies are refused with a clear error.
    serverActions: { bodySizeLimit: "26mb" },
    // proxy.ts runs before every handler, and Next keeps a copy of the body for it, cut after this
    // many bytes (default 10 MB): a larger intake (server/submission.ts MAX_BODY_BYTES, 26 MB) must
    // reach its route handler whole, and a cut one must still be larger than that limit (413).
    proxyClientMaxBodySize: "27mb",
  },
};

export default withNextIntl(nextConfig);
