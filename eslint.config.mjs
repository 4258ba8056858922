import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".next-*/**", ".reports/**", ".data/**", ".test-data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "db/migrations/**"],
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
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/db", "@/db/*"], message: "Pages and components read through lib/data and write through lib/services." }] }],
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
            { group: ["@/db", "@/db/*"], message: "Pages and components read through lib/data and write through lib/services." },
            { group: ["@/app", "@/app/*", "../app/*", "../../app/*"], message: "Components never import from app/ (imports point app → components → lib); server actions live in lib/actions." },
          ],
        },
      ],
    },
  },
  {
    // Imports point one way: app → components → lib → db. The library never reaches up into pages
    // or components.
    files: ["lib/**", "db/**"],
    ignores: ["lib/data/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/app", "@/app/*", "@/components", "@/components/*"], message: "lib and db must not import from app/ or components/ (imports point app → components → lib → db)." }] }],
    },
  },
  {
    // Reads never call writes: lib/data sits below lib/services (services → data → db).
    files: ["lib/data/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/app", "@/app/*", "@/components", "@/components/*", "@/lib/services/*", "@/lib/actions/*", "@/lib/api/*", "@/lib/loaders/*"], message: "lib/data reads; it must not import services, actions, loaders, the API layer, pages or components." }] },
      ],
    },
  },
  {
    // Transactions open through transaction() from @/db, whose after-commit hooks (forget the
    // access cache, wake the job worker) a plain drizzle transaction would not run.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["db/index.ts"],
    rules: {
      "no-restricted-syntax": ["error", { selector: "CallExpression[callee.property.name='transaction'][callee.object.type='CallExpression'][callee.object.callee.name='getDb']", message: "Use transaction() from @/db (after-commit hooks)." }],
    },
  },
];
export default config;
