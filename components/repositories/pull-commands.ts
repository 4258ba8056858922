/**
 * The pull commands the console shows, as pure functions (the pull-command component renders them;
 * tests/unit/pull-commands.test.ts checks them).
 */

export const PULL_CLIENTS = ["docker", "podman", "skopeo"] as const;
export type PullClient = (typeof PULL_CLIENTS)[number];

/**
 * The tag a pull command names by default: `latest` when the repository has it (what a bare pull
 * means, so the commands people already know keep working), else the most recently pushed tag —
 * never a tag that does not exist. Ties on push time go to the smaller name, as the tag list sorts.
 */
export function defaultPullTag<T extends { name: string; pushedAt: Date }>(tags: readonly T[]): T | null {
  const latest = tags.find((t) => t.name === "latest");
  if (latest) return latest;
  let best: T | null = null;
  for (const t of tags) {
    const newer = best === null || t.pushedAt.getTime() > best.pushedAt.getTime();
    const tie = best !== null && t.pushedAt.getTime() === best.pushedAt.getTime() && t.name < best.name;
    if (newer || tie) best = t;
  }
  return best;
}

export type PullCommandInput = {
  client: PullClient;
  /** host/namespace/name, as users type it after `docker pull`. */
  image: string;
  tag: string;
  /** When set, the command pins this manifest digest instead of naming the tag. */
  digest?: string | null;
  /**
   * The registry speaks plain HTTP (the local default): skopeo and podman check TLS unless told not
   * to, docker has no flag for it (it trusts loopback registries and needs insecure-registries for
   * others), so only theirs get the flag — the same rule as the home page's skopeo commands.
   */
  plainHttp: boolean;
};

export function pullCommand({ client, image, tag, digest, plainHttp }: PullCommandInput): string {
  const ref = digest ? `${image}@${digest}` : `${image}:${tag}`;
  switch (client) {
    case "docker":
      return `docker pull ${ref}`;
    case "podman":
      return `podman pull${plainHttp ? " --tls-verify=false" : ""} ${ref}`;
    case "skopeo": {
      // An OCI layout in the working directory, named after the repository and tagged like the source.
      const dir = image.slice(image.lastIndexOf("/") + 1);
      return `skopeo copy${plainHttp ? " --src-tls-verify=false" : ""} docker://${ref} oci:./${dir}:${tag}`;
    }
  }
}
