/**
 * Benchmark results: each bench writes its section to bench/results/<name>.md, then
 * bench/RESULTS.md is rebuilt from all sections, so one bench can be re-run alone.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const DIR = path.resolve(import.meta.dirname, "..");
const RESULTS = path.join(DIR, "results");
const ORDER = [
  "tag-list",
  "token-service",
  "event-ingestion",
  "pages",
  "start-up",
  "front-door",
  "pull-counting",
  "storage",
  "gc",
  "retention",
  "builds",
  "build-trigger",
];

export function machine(): string {
  const cpus = os.cpus();
  let commit = "";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    // not a checkout
  }
  return `${cpus.length} × ${cpus[0]?.model ?? "?"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}${commit ? `, commit ${commit}` : ""}`;
}

export function writeSection(name: string, title: string, body: string): void {
  fs.mkdirSync(RESULTS, { recursive: true });
  const stamp = `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC; ${machine()}`;
  fs.writeFileSync(path.join(RESULTS, `${name}.md`), `## ${title}\n\n_Measured ${stamp}._\n\n${body.trim()}\n`);
  rebuildResults();
  console.log(`\n${body.trim()}\n\n→ bench/results/${name}.md, bench/RESULTS.md`);
}

/**
 * bench/RESULTS.md from every section the benches wrote (bench/results/<name>.md), each followed by
 * what a person found out about its figures (profiles, causes: bench/notes/<name>.md), which
 * therefore survives re-runs. `node --import tsx bench/lib/results.ts` rebuilds it after a note changes.
 */
export function rebuildResults(): void {
  const sections = fs
    .readdirSync(RESULTS)
    .filter((f) => f.endsWith(".md"))
    .map((f) => f.slice(0, -3))
    .sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99));
  const header = `# Benchmark results\n\nWritten by the scripts in \`bench/\` (see the README's *Performance* section; \`npm run bench\` runs them all).\nEvery comparison is a ratio of two figures measured in the same run, because these machines are noisy.\nEach section says when and on what machine it was measured.\n`;
  const withNotes = (name: string) => {
    const notes = path.join(DIR, "notes", `${name}.md`);
    const body = fs.readFileSync(path.join(RESULTS, `${name}.md`), "utf8");
    return fs.existsSync(notes) ? `${body}\n${fs.readFileSync(notes, "utf8").trim()}\n` : body;
  };
  fs.writeFileSync(path.join(DIR, "RESULTS.md"), [header, ...sections.map(withNotes)].join("\n"));
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) rebuildResults();

/** Markdown table from a header row and data rows. */
export function table(head: string[], rows: Array<Array<string | number>>): string {
  return [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}
