import crypto from "node:crypto";

let counter = 0;

/** A name no other test (or earlier run) uses: lowercase letters and digits, valid as a namespace or repository. */
export function uniqueName(prefix = "t"): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter.toString(36)}${crypto.randomBytes(2).toString("hex")}`
    .toLowerCase()
    .slice(0, 30);
}

let addresses = 0;
/**
 * A client address no other test uses, for X-Forwarded-For (the test console trusts it): the
 * console limits failed sign-ins per address, and requests without one all count as 127.0.0.1
 * (Next fills the header in), so a test that fails logins on purpose must not use up that budget.
 */
export function clientAddress(): string {
  addresses += 1;
  // 62,500 per test process before one repeats (a burst test alone uses hundreds).
  return `10.${process.pid % 256}.${Math.floor(addresses / 250) % 250}.${(addresses % 250) + 1}`;
}
