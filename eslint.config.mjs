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
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/db", "@/db/*"], message: "Pages and components read through lib/data and write through lib/services." }] }],
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
