import pg from "pg";

/** Polls `query` until `until(rows)` holds (events arrive asynchronously from the registry). */
export async function waitForRows<T extends pg.QueryResultRow>(
  databaseUrl: string,
  sql: string,
  params: unknown[],
  until: (rows: T[]) => boolean,
  timeoutMs = 10_000,
): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query<T>(sql, params);
      if (until(rows) || Date.now() > deadline) return rows;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await client.end();
  }
}
