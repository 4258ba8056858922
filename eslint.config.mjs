import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Import direction, one rule set per folder: app → components → lib; in lib, actions/api/loaders/
// jobs → services → data → authz/rules and the leaves (security, http, validations); db at the
// bottom. (One entry per file set: a later no-restricted-imports entry replaces an earlier one.)
const NO_DB = {
  group: ["@/db", "@/db/*"],
  message: "Pages and components read through lib/data and write through lib/services.",
};
const UP = ["@/app", "@/app/*", "@/components", "@/components/*"];
const NO_UP = {
  group: UP,
  message: "lib and db must not import from app/ or components/ (imports point app → components → lib → db).",
};
const ABOVE_SERVICES = ["@/lib/actions/*", "@/lib/api/*", "@/lib/loaders/*"];

/** One folder's forbidden imports. */
function restrict(files, patterns, ignores) {
  return { files, ...(ignores ? { ignores } : {}), rules: { "no-restricted-imports": ["error", { patterns }] } };
}

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      ".reports/**",
      ".data/**",
      ".test-data/**",
      "node_modules/**",
      "test-results/**",
      "test-results-*/**",
      "playwright-report/**",
      "next-env.d.ts",
      "db/migrations/**",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Only the data layer (reads) and services (writes) may reach the database client.
  restrict(["app/**"], [NO_DB]),
  // Components sit below pages: server actions they call live in lib/actions/<area>.ts, not app/.
  restrict(
    ["components/**"],
    [
      NO_DB,
      {
        group: ["@/app", "@/app/*", "../app/*", "../../app/*"],
        message:
          "Components never import from app/ (imports point app → components → lib); server actions live in lib/actions.",
      },
    ],
  ),
  // The library never reaches up into pages or components.
  restrict(
    ["lib/**"],
    [NO_UP],
    ["lib/data/**", "lib/services/**", "lib/authz/rules/**", "lib/security/**", "lib/http/**", "lib/validations/**"],
  ),
  // The database layer sits at the bottom: of lib it reads only the parsed environment (lib/env.ts,
  // which imports nothing of ours).
  restrict(
    ["db/**"],
    [
      {
        regex: "^@/(app|components)(/|$)|^@/lib/(?!env$)",
        message: "db/ imports nothing above it except lib/env (imports point lib → db).",
      },
    ],
  ),
  // Services run no jobs: they enqueue (lib/services/job/enqueue.ts) and signal through
  // lib/runtime/job-wake.ts; the worker in lib/jobs imports services, never the reverse.
  restrict(
    ["lib/services/**"],
    [
      NO_UP,
      {
        group: ["@/lib/jobs/*", ...ABOVE_SERVICES],
        message: "Services sit below jobs, actions, loaders and the API layer (they import services, not the reverse).",
      },
    ],
  ),
  // Leaves of lib: primitives, HTTP helpers and input schemas are imported by services, data and
  // the API layer, so they import none of those (or the session layer) back.
  restrict(
    ["lib/security/**", "lib/http/**", "lib/validations/**"],
    [
      {
        group: [
          ...UP,
          ...ABOVE_SERVICES,
          "@/lib/services/*",
          "@/lib/data/*",
          "@/lib/auth",
          "@/lib/auth/*",
          "@/lib/jobs/*",
        ],
        message:
          "lib/security, lib/http and lib/validations are leaves: services, data and the API import them, not the reverse.",
      },
    ],
  ),
  // Reads never call writes: lib/data sits below lib/services (services → data → db).
  restrict(
    ["lib/data/**"],
    [
      {
        group: [...UP, ...ABOVE_SERVICES, "@/lib/services/*"],
        message: "lib/data reads; it must not import services, actions, loaders, the API layer, pages or components.",
      },
      // The checkers in lib/authz load facts through lib/data; data may only use the pure rules.
      {
        regex: "^@/lib/authz/(?!rules/)",
        message:
          "lib/data may import only the pure rules in lib/authz/rules (the checkers in lib/authz import lib/data: checkers → data → rules).",
      },
    ],
  ),
  // The pure rules decide from facts they are given: no database, no reads, no checkers above them.
  restrict(
    ["lib/authz/rules/**"],
    [
      {
        group: [...UP, "@/lib/data/*", "@/lib/services/*", "@/lib/actions/*", "@/lib/loaders/*", "../*"],
        message:
          "lib/authz/rules holds pure rules: it imports no data, services or checkers (checkers → data → rules).",
      },
    ],
  ),
  {
    // Transactions open through transaction() from @/db, whose after-commit hooks (forget the
    // access cache, wake the job worker) a plain drizzle transaction would not run.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["db/index.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.property.name='transaction'][callee.object.type='CallExpression'][callee.object.callee.name='getDb']",
          message: "Use transaction() from @/db (after-commit hooks).",
        },
      ],
    },
  },
];
export default config;
