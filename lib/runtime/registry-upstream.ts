/**
 * Where this web server reaches the registry right now: REGISTRY_URL, except during garbage
 * collection, when the read-only registry on a second loopback port stands in for the read-write
 * one (lib/jobs/registry-gc.ts). The door and the console's own registry client read it per
 * request. On globalThis: the web server's modules and Next's bundles are separate copies in one
 * process and must agree.
 */
const holder = globalThis as unknown as { __registryUpstream?: string };

export function registryUpstream(fallback: string): string {
  return holder.__registryUpstream ?? fallback;
}

export function setRegistryUpstream(url: string | null): void {
  if (url === null) delete holder.__registryUpstream;
  else holder.__registryUpstream = url;
}
