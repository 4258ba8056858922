import "server-only";
import crypto from "node:crypto";
import type { PoolClient, QueryResultRow } from "pg";

export type Queryable = Pick<PoolClient, "query">;

/**
 * Runs a statement as a named prepared statement, parsed and planned once per connection: every
 * envelope (and every batch the front door records) runs the same few statements.
 */
const statementNames = new Map<string, string>();
export function prepared<R extends QueryResultRow = QueryResultRow>(
  client: Queryable,
  text: string,
  values: unknown[],
) {
  let name = statementNames.get(text);
  if (!name) {
    name = `registry_events_${crypto.createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return client.query<R>({ name, text, values });
}
