// ESLint (flat config): TypeScript and Next.js rules, and the layers of docs/ARCHITECTURE.md.
// `npm run lint` runs this, the circle check (scripts/check-cycles.ts: type imports count too) and
// knip (unused files, exports and dependencies); CI runs all three before the tests.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import { importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

/**
 * A layer may not import these folders (either spelling: `@/db/…` or `../db/…`). With `types`,
 * `import type` is still allowed (a component may name a row's shape, never call the database).
 */
function forbid(folders, message, { types = false, also = [] } = {}) {
  return {
    "@typescript-eslint/no-restricted-imports": [
      "error",
      {
        patterns: folders.map((folder) => ({
          regex: `^(@/|(\\.\\./)+)${folder}(/|$)`,
          message,
          allowTypeImports: types,
        })).concat(also),
      },
    ],
  };
}

/** Writing the outbox table other than through db/queries/outbox.ts: drizzle's insert, or SQL text. */
const OUTBOX_INSERTS = [
  "CallExpression[callee.property.name='insert'][arguments.0.name='outbox']",
  "CallExpression[callee.property.name='insert'][arguments.0.property.name='outbox']",
  'TemplateElement[value.raw=/insert\\s+into\\s+"?outbox\\b/i]',
  'Literal[value=/insert\\s+into\\s+"?outbox\\b/i]',
];
const OUTBOX_MESSAGE = "Queue outbox rows with enqueue/enqueueMany (or enqueueSql in a SQL statement) from db/queries/outbox.ts: the topic table checks the payload and derives the dedupe key.";

/** `../x` imports: write `@/folder/x` across folders (`./x` within one). */
const NO_PARENT = { regex: "^\\.\\./", message: "Use @/ across folders (./ only within the folder), never ../ (docs/ARCHITECTURE.md)." };

const ABOVE_DB = ["app", "components", "server", "jobs", "queue", "integrations", "scripts", "lapor-sim", "i18n", "bench", "e2e", "test"];

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "bench/results/**",
      "db/migrations/**",
      "next-env.d.ts",
      // The islands as bundled by scripts/build-islands.ts (their sources are islands/).
      "public/islands/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  nextPlugin.configs["core-web-vitals"],
  {
    files: ["**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
  {
    plugins: { "import-x": importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      "import-x/resolver": undefined,
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })],
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "import-x/no-cycle": "error",
      "import-x/no-duplicates": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
    },
  },
  // An adapter rethrows an outside failure with a message of its own and on purpose without the
  // original as `cause`: the worker stores and logs the error, and the original may carry a
  // recipient's address or a payload.
  { files: ["integrations/**/*.ts"], rules: { "preserve-caught-error": "off" } },
  // A plain `<a>` is how the App Router pages link (no Pages Router here).
  { rules: { "@next/next/no-html-link-for-pages": "off" } },
  // Plain Node scripts (configs).
  { files: ["**/*.mjs"], languageOptions: { globals: { process: "readonly", URL: "readonly", console: "readonly" } } },
  // One spelling per import: `./x` within the importer's folder, `@/folder/x` across folders, never `../`.
  { files: ["**/*.{ts,tsx,mjs}"], rules: { "no-restricted-imports": ["error", { patterns: [NO_PARENT] }] } },
  // Test support (test/: throwaway databases, fixtures; vitest itself) stays out of what ships.
  {
    files: ["**/*.{ts,tsx,mjs}"],
    ignores: ["**/*.test.ts", "test/**", "e2e/**", "vitest.config.ts", "playwright.config.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "vitest", message: "vitest is for tests: production code never imports it." }],
          patterns: [NO_PARENT, { regex: "^(@/|(\\.\\./)+|\\./)test(/|$)", message: "test/ is test support: production code never imports it." }],
        },
      ],
    },
  },
  // domain/: pure rules, no I/O; imports nothing of ours but domain/.
  {
    files: ["domain/**/*.ts"],
    ignores: ["domain/**/*.test.ts"],
    rules: forbid(
      [...ABOVE_DB, "db", "lib"],
      "domain/ is pure: it imports only domain/ (docs/ARCHITECTURE.md).",
    ),
  },
  // lib/: infrastructure (env, log, metrics, errors, backoff, passwords, the form-action wrapper); only lib/ and domain/ below it.
  {
    files: ["lib/**/*.ts"],
    ignores: ["lib/**/*.test.ts"],
    rules: forbid([...ABOVE_DB, "db"], "lib/ is the bottom layer with domain/: it imports only lib/ and domain/ (docs/ARCHITECTURE.md)."),
  },
  // db/: reads and writes; only domain/ and lib/ below it.
  {
    files: ["db/**/*.ts"],
    // db/seed/ is a script (it hashes demo keys with server/ code).
    ignores: ["db/**/*.test.ts", "db/seed/**"],
    rules: forbid(ABOVE_DB, "db/ sits below server/, jobs/ and integrations/: it imports only domain/ and lib/ (docs/ARCHITECTURE.md).", {
      // Queries read and write; who did what is recorded by the server/ function that calls them.
      also: [{ regex: "(^|/)queries/audit$|^\\./audit$", importNames: ["writeAudit"], message: "db/ does not audit: call writeAudit from the server/ function, in its transaction (docs/ARCHITECTURE.md)." }],
    }),
  },
  // server/: application services; the worker's engine and its jobs sit beside it, never below.
  {
    files: ["server/**/*.ts"],
    ignores: ["server/**/*.test.ts"],
    rules: forbid(["app", "components", "queue", "jobs", "scripts", "lapor-sim", "bench", "e2e", "test"], "server/ does not import the worker (queue/, jobs/) nor the routes and UI above it (docs/ARCHITECTURE.md)."),
  },
  // jobs/: the job definitions; they call server/ and integrations/, never the routes and UI.
  {
    files: ["jobs/**/*.ts"],
    ignores: ["jobs/**/*.test.ts"],
    rules: forbid(["app", "components", "scripts", "lapor-sim", "bench", "e2e", "test"], "jobs/ sits beside server/: it never imports routes, UI or scripts (docs/ARCHITECTURE.md)."),
  },
  // queue/: the outbox and periodic-job engine (claim, lease, run, settle, failure kinds). It knows no
  // job: definitions live in jobs/ and integrations/, which import it, never the other way round.
  {
    files: ["queue/**/*.ts"],
    ignores: ["queue/**/*.test.ts"],
    rules: forbid(
      ["app", "components", "server", "jobs", "integrations", "scripts", "lapor-sim", "i18n", "bench", "e2e", "test"],
      "queue/ is the engine below jobs/ and integrations/: it imports db/, domain/, lib/ (docs/ARCHITECTURE.md).",
    ),
  },
  // integrations/: adapters; they use the queue engine's failure kinds (queue/), never jobs/ (which imports them).
  {
    files: ["integrations/**/*.ts"],
    ignores: ["integrations/**/*.test.ts"],
    rules: forbid(["app", "components", "jobs", "scripts", "lapor-sim", "bench", "e2e", "test"], "integrations/ never import jobs/ (jobs/ imports them): use queue/ for the failure kinds and defineTopic (docs/ARCHITECTURE.md)."),
  },
  // The outbox has one way in: enqueue / enqueueMany / enqueueSql (db/queries/outbox.ts), which
  // take topic names, payload schemas and dedupe keys from domain/outbox-topics.ts.
  {
    files: ["**/*.{ts,tsx}"],
    ignores: ["db/queries/outbox.ts", "**/*.test.ts", "test/**", "bench/**"],
    rules: {
      "no-restricted-syntax": ["error", ...OUTBOX_INSERTS.map((selector) => ({ selector, message: OUTBOX_MESSAGE }))],
    },
  },
  // The fast paths call the route handlers of Next's build (one copy of the server modules, Next's):
  // importing an app module here would load a second copy outside Next's bundle.
  {
    files: ["scripts/fast-paths.ts"],
    rules: forbid(["app", "components", "server", "queue", "jobs", "integrations", "lapor-sim", "i18n"], "scripts/fast-paths.ts calls the route handlers of Next's build, never a second copy of the app's modules (docs/ARCHITECTURE.md).", {
      also: [{ regex: "^@/db/(?!errors$)", message: "scripts/fast-paths.ts uses only db/errors (stateless): the database is the route handlers' (getDb)." }],
    }),
  },
  // components/: UI; may name a query's row type, never call the database.
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: forbid(["db", "queue", "jobs", "integrations", "scripts"], "components/ never touch the database: call server/ (docs/ARCHITECTURE.md).", { types: true }),
  },
);
