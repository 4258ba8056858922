import crypto from "node:crypto";

let counter = 0;

/** A name no other test (or earlier run) uses: lowercase letters and digits, valid as a namespace or repository. */
export function uniqueName(prefix = "t"): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter.toString(36)}${crypto.randomBytes(2).toString("hex")}`.toLowerCase().slice(0, 30);
}
