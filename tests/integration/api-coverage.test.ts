import fs from "node:fs/promises";
import path from "node:path";
import crypto from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { openApiClient } from "@/tests/helpers/api";
import { apiUser } from "@/tests/helpers/api-fixtures";

const c = inject("console");

describe("the OpenAPI document", () => {
  it("describes every operation with a token scope, a success answer and the error shape, and every operation is exercised by an API test", async () => {
    const doc = await (await fetch(`${c.url}/api/v1/openapi.json`)).json();
    expect(doc.openapi).toBe("3.1.0");
    const dir = path.resolve(import.meta.dirname);
    const sources = (
      await Promise.all(
        (await fs.readdir(dir))
          .filter((f) => /^api-.*\.test\.ts$/.test(f) && f !== "api-coverage.test.ts")
          .map((f) => fs.readFile(path.join(dir, f), "utf8")),
      )
    ).join("\n");
    const ids: string[] = [];
    for (const [p, methods] of Object.entries(
      doc.paths as Record<
        string,
        Record<string, { operationId: string; "x-token-scope": string; responses: Record<string, unknown> }>
      >,
    )) {
      for (const [method, op] of Object.entries(methods)) {
        ids.push(op.operationId);
        expect(["read", "read_write", "read_write_delete"], `${method} ${p}`).toContain(op["x-token-scope"]);
        expect(
          Object.keys(op.responses).some((s) => s.startsWith("2")),
          `${method} ${p}`,
        ).toBe(true);
        expect(op.responses["403"], `${method} ${p}`).toBeDefined();
        // Only reads may be done with a Read-only token.
        if (method !== "get") expect(op["x-token-scope"], `${method} ${p}`).not.toBe("read");
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    const untested = ids.filter((id) => !sources.includes(`"${id}"`));
    expect(untested, "operations no API test calls").toEqual([]);
  });
});

describe("token scopes, for every operation", () => {
  it("a token below an operation's scope is refused with 403 INSUFFICIENT_SCOPE before anything else; reads take a token of any scope", async () => {
    const api = await openApiClient(c.url);
    const user = await apiUser("sc");
    const doc = api.doc as unknown as {
      paths: Record<string, Record<string, { operationId: string; "x-token-scope": string }>>;
    };
    // Placeholder path values: the scope check comes first, so they need not name anything real.
    const value = (name: string) =>
      /id$/i.test(name)
        ? crypto.randomUUID()
        : name === "namespace" || name === "username"
          ? user.username
          : name === "tag"
            ? "1.0"
            : "nothing-here";
    const below: Record<string, Array<keyof typeof user.tokens>> = {
      read: [],
      read_write: ["read"],
      read_write_delete: ["read", "read_write"],
    };
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const op of Object.values(methods)) {
        const params = Object.fromEntries([...path.matchAll(/\{(\w+)\}/g)].map(([, n]) => [n!, value(n!)]));
        for (const scope of below[op["x-token-scope"]]!) {
          const r = await api.call(op.operationId, user.tokens[scope], { params, body: {} });
          expect(r.status, `${op.operationId} with a ${scope} token`).toBe(403);
          expect(r.body.error.code, `${op.operationId} with a ${scope} token`).toBe("INSUFFICIENT_SCOPE");
          checked += 1;
        }
        if (op["x-token-scope"] === "read") {
          for (const scope of ["read", "read_write", "read_write_delete"] as const) {
            const r = await api.call(op.operationId, user.tokens[scope], { params });
            expect(r.status, `${op.operationId} with a ${scope} token`).not.toBe(401);
            expect(r.body?.error?.code, `${op.operationId} with a ${scope} token`).not.toBe("INSUFFICIENT_SCOPE");
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});
