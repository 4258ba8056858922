/**
 * CPU time spent by groups of processes over a window (Linux /proc), to say where a benchmark's
 * cycles went: `const stop = cpuWindow({ console: /web-server/, db: /postgres: .* mydb / })` … `stop()`.
 */
import fs from "node:fs";

const TICK = 100; // USER_HZ on Linux

function snapshot(groups: Record<string, RegExp>): Map<string, { group: string; ticks: number }> {
  const out = new Map<string, { group: string; ticks: number }>();
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
      const group = pid === String(process.pid) ? "bench" : Object.entries(groups).find(([, re]) => re.test(cmd))?.[0];
      if (!group) continue;
      // Fields after the command name, which may contain spaces: utime and stime are 14th and 15th.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(pid, { group, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/** Starts measuring; the returned function answers CPU seconds per group (plus "bench": this process). */
export function cpuWindow(groups: Record<string, RegExp>): () => Record<string, number> {
  const before = snapshot(groups);
  return () => {
    const totals: Record<string, number> = {};
    for (const [pid, now] of snapshot(groups))
      totals[now.group] = (totals[now.group] ?? 0) + (now.ticks - (before.get(pid)?.ticks ?? 0)) / TICK;
    return totals;
  };
}
