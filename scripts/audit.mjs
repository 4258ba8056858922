// Dependency audit: `npm audit` of the production dependencies; any high or critical advisory
// fails the run. When the advisory endpoint cannot be reached (some networks refuse it), says so
// plainly and passes: the run cannot know, and SECURITY.md records the last audit made by hand.
import { spawnSync } from "node:child_process";

const run = spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8", timeout: 60_000 });
let report = null;
try {
  report = JSON.parse(run.stdout || "null");
} catch {
  report = null;
}
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const reason =
    String(report?.message ?? report?.error?.summary ?? run.stderr ?? "")
      .split("\n")
      .find((l) => l.trim()) ?? "no answer";
  console.log(`[audit] not checked: the advisory endpoint could not be reached (${reason.trim()})`);
  process.exit(0);
}
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(
  `[audit] production dependencies: ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`,
);
if (serious > 0) {
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {}))
    if (["high", "critical"].includes(v.severity)) console.log(`[audit] ${v.severity}: ${name} ${v.range}`);
  process.exit(1);
}
