import type { ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { crashCounter, supervise } from "@/lib/runtime/supervise";

/** Stands in for a child process: `crash()` makes it exit as a killed process would. */
function fakeChild(n: number) {
  const child = Object.assign(new EventEmitter(), {
    exitCode: null as number | null,
    signalCode: null as string | null,
  });
  return {
    n,
    child: child as unknown as ChildProcess,
    crash: () => {
      child.signalCode = "SIGKILL";
      child.emit("exit", null, "SIGKILL");
    },
  };
}

describe("crashCounter", () => {
  it("allows five crashes within a minute, not six, and forgets crashes older than a minute", () => {
    const crashed = crashCounter();
    for (let i = 0; i < 5; i++) expect(crashed(i * 1000)).toBe(false);
    expect(crashed(5000)).toBe(true);
    const later = crashCounter();
    for (let i = 0; i < 5; i++) expect(later(i * 20_000)).toBe(false);
    // The first two (0 s, 20 s) are more than a minute before 100 s.
    expect(later(100_000)).toBe(false);
  });
});

describe("supervise", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setUp(startFails = false) {
    let started = 0;
    let stopping = false;
    const events: string[] = [];
    const first = fakeChild(0);
    const sup = supervise(first, {
      start: async () => {
        if (startFails) throw new Error("no binary");
        return fakeChild(++started);
      },
      stop: async (t) => void events.push(`stop ${t.n}`),
      stopping: () => stopping,
      onExit: (how, restarting, t) => void events.push(`exit ${t.n} ${how} ${restarting}`),
      onRestarted: (t) => void events.push(`restarted ${t.n}`),
      onGiveUp: (why) => void events.push(`give up: ${why}`),
    });
    return { sup, first, events, stop: () => (stopping = true) };
  }

  it("restarts a crashed child after a pause, and stops the current one", async () => {
    const { sup, first, events } = setUp();
    first.crash();
    expect(events).toEqual(["exit 0 SIGKILL true"]);
    await vi.advanceTimersByTimeAsync(499);
    expect(sup.current()).toBe(first);
    await vi.advanceTimersByTimeAsync(1);
    expect(sup.current().n).toBe(1);
    await sup.stop();
    expect(events).toEqual(["exit 0 SIGKILL true", "restarted 1", "stop 1"]);
  });

  it("gives up on the sixth crash within a minute", async () => {
    const { sup, first, events } = setUp();
    let current: ReturnType<typeof fakeChild> = first;
    for (let i = 0; i < 6; i++) {
      current.crash();
      await vi.advanceTimersByTimeAsync(500);
      current = sup.current() as ReturnType<typeof fakeChild>;
    }
    expect(events.filter((e) => e.startsWith("restarted"))).toHaveLength(5);
    expect(events.at(-2)).toBe("exit 5 SIGKILL false");
    expect(events.at(-1)).toBe("give up: crashed more than 5 times in a minute");
  });

  it("does not restart an exit during shutdown, and gives up when a restart fails", async () => {
    const stopped = setUp();
    stopped.stop();
    stopped.first.crash();
    await vi.advanceTimersByTimeAsync(1000);
    expect(stopped.events).toEqual([]);

    const failing = setUp(true);
    failing.first.crash();
    await vi.advanceTimersByTimeAsync(500);
    expect(failing.events).toEqual(["exit 0 SIGKILL true", "give up: could not be restarted (no binary)"]);
  });

  it("pause stops the child on purpose (its exit is no crash, nothing restarts) and resume starts a fresh one, watched", async () => {
    const { sup, first, events } = setUp();
    await sup.pause();
    first.crash(); // the exit the stop caused
    await vi.advanceTimersByTimeAsync(1000);
    expect(events).toEqual(["stop 0"]);
    expect(sup.current()).toBe(first);
    const next = (await sup.resume()) as ReturnType<typeof fakeChild>;
    expect(next.n).toBe(1);
    expect(sup.current()).toBe(next);
    // Not paused any more: a crash of the fresh one is restarted as usual.
    next.crash();
    await vi.advanceTimersByTimeAsync(500);
    expect(sup.current().n).toBe(2);
    expect(events).toEqual(["stop 0", "exit 1 SIGKILL true", "restarted 2"]);
    // Resuming when not paused starts nothing.
    expect(((await sup.resume()) as ReturnType<typeof fakeChild>).n).toBe(2);
  });
});
