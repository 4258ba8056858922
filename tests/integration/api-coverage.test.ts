import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";

const c = inject("console");

describe("the OpenAPI document", () => {
  it("describes every operation with a token scope, a success answer and the error shape, and every operation is exercised by an API test", async () => {
    const doc = await (await fetch(`${c.url}/api/v1/openapi.json`)).json();
    expect(doc.openapi).toBe("3.1.0");
    const dir = path.resolve(import.meta.dirname);
    const sources = (await Promise.all((await fs.readdir(dir)).filter((f) => /^api-.*\.test\.ts$/.test(f) && f !== "api-coverage.test.ts").map((f) => fs.readFile(path.join(dir, f), "utf8")))).join("\n");
    const ids: string[] = [];
    for (const [p, methods] of Object.entries(doc.paths as Record<string, Record<string, { operationId: string; "x-token-scope": string; responses: Record<string, unknown> }>>)) {
      for (const [method, op] of Object.entries(methods)) {
        ids.push(op.operationId);
        expect(["read", "read_write", "read_write_delete"], `${method} ${p}`).toContain(op["x-token-scope"]);
        expect(Object.keys(op.responses).some((s) => s.startsWith("2")), `${method} ${p}`).toBe(true);
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
