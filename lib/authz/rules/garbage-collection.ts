import { isSiteOperator } from "./site-operator";

/**
 * Who may start the registry's garbage collection and read its runs: site operators, and only on
 * a console that runs the registry itself (an external REGISTRY_URL is collected by whoever runs
 * that registry; the console cannot stop or restart it). Pure: the caller says whether it manages one.
 */
export type GcRefusal = "forbidden" | "not-managed" | null;

export function gcReadRefusal(viewer: { isAdmin?: boolean } | null): "forbidden" | null {
  return isSiteOperator(viewer) ? null : "forbidden";
}

export function gcStartRefusal(viewer: { isAdmin?: boolean } | null, managesRegistry: boolean): GcRefusal {
  if (!isSiteOperator(viewer)) return "forbidden";
  return managesRegistry ? null : "not-managed";
}
