import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: root },
      // `server-only` throws unless imported under the react-server condition.
      { find: /^server-only$/, replacement: `${root}test/server-only-stub.ts` },
    ],
  },
  test: {
    environment: "node",
    globalSetup: ["test/global-setup.ts"],
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", "e2e/**", ".next/**", ".next-*/**", ".data/**", "test-results/**"],
    // Each database test file starts its own PGlite from a template made once in globalSetup
    // (seconds; far more on a busy machine) and, with TEST_DATABASE_URL, creates, migrates and
    // seeds its own PostgreSQL database.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    teardownTimeout: 20_000,
    // PGlite is WASM and memory-hungry; separate processes on a small machine (2 cores).
    pool: "forks",
    poolOptions: { forks: { minForks: 1, maxForks: 2 } },
  },
});
