import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

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
  {
    // Only the data layer (reads) and services (writes) may reach the database client.
    files: ["app/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/db", "@/db/*"],
              message: "Pages and components read through lib/data and write through lib/services.",
            },
          ],
        },
      ],
    },
  },
  {
    // Components sit below pages: server actions they call live in lib/actions/<area>.ts, not app/.
    // (One entry per file set: a later no-restricted-imports entry replaces an earlier one.)
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/db", "@/db/*"],
              message: "Pages and components read through lib/data and write through lib/services.",
            },
            {
              group: ["@/app", "@/app/*", "../app/*", "../../app/*"],
              message:
                "Components never import from app/ (imports point app → components → lib); server actions live in lib/actions.",
            },
          ],
        },
      ],
    },
  },
  {
    // Imports point one way: app → components → lib → db. The library never reaches up into pages
    // or components.
    files: ["lib/**"],
    ignores: [
      "lib/data/**",
      "lib/services/**",
      "lib/authz/rules/**",
      "lib/security/**",
      "lib/http/**",
      "lib/validations/**",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app", "@/app/*", "@/components", "@/components/*"],
              message:
                "lib and db must not import from app/ or components/ (imports point app → components → lib → db).",
            },
          ],
        },
      ],
    },
  },
  {
    // The database layer sits at the bottom: of lib it reads only the parsed environment (lib/env.ts,
    // which imports nothing of ours).
    files: ["db/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^@/(app|components)(/|$)|^@/lib/(?!env$)",
              message: "db/ imports nothing above it except lib/env (imports point lib → db).",
            },
          ],
        },
      ],
    },
  },
  {
    // Services run no jobs: they enqueue (lib/services/job/enqueue.ts) and signal through
    // lib/runtime/job-wake.ts; the worker in lib/jobs imports services, never the reverse.
    files: ["lib/services/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app", "@/app/*", "@/components", "@/components/*"],
              message:
                "lib and db must not import from app/ or components/ (imports point app → components → lib → db).",
            },
            {
              group: ["@/lib/jobs/*", "@/lib/actions/*", "@/lib/api/*", "@/lib/loaders/*"],
              message:
                "Services sit below jobs, actions, loaders and the API layer (they import services, not the reverse).",
            },
          ],
        },
      ],
    },
  },
  {
    // Leaves of lib: primitives, HTTP helpers and input schemas are imported by services, data and
    // the API layer, so they import none of those (or the session layer) back.
    files: ["lib/security/**", "lib/http/**", "lib/validations/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@/app",
                "@/app/*",
                "@/components",
                "@/components/*",
                "@/lib/services/*",
                "@/lib/data/*",
                "@/lib/actions/*",
                "@/lib/api/*",
                "@/lib/loaders/*",
                "@/lib/auth",
                "@/lib/auth/*",
                "@/lib/jobs/*",
              ],
              message:
                "lib/security, lib/http and lib/validations are leaves: services, data and the API import them, not the reverse.",
            },
          ],
        },
      ],
    },
  },
  {
    // Reads never call writes: lib/data sits below lib/services (services → data → db).
    files: ["lib/data/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@/app",
                "@/app/*",
                "@/components",
                "@/components/*",
                "@/lib/services/*",
                "@/lib/actions/*",
                "@/lib/api/*",
                "@/lib/loaders/*",
              ],
              message:
                "lib/data reads; it must not import services, actions, loaders, the API layer, pages or components.",
            },
            // The checkers in lib/authz load facts through lib/data; data may only use the pure rules.
            {
              regex: "^@/lib/authz/(?!rules/)",
              message:
                "lib/data may import only the pure rules in lib/authz/rules (the checkers in lib/authz import lib/data: checkers → data → rules).",
            },
          ],
        },
      ],
    },
  },
  {
    // The pure rules decide from facts they are given: no database, no reads, no checkers above them.
    files: ["lib/authz/rules/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@/app",
                "@/app/*",
                "@/components",
                "@/components/*",
                "@/lib/data/*",
                "@/lib/services/*",
                "@/lib/actions/*",
                "@/lib/loaders/*",
                "../*",
              ],
              message:
                "lib/authz/rules holds pure rules: it imports no data, services or checkers (checkers → data → rules).",
            },
          ],
        },
      ],
    },
  },
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
