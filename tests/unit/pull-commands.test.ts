import { describe, expect, it } from "vitest";
import { defaultPullTag, pullCommand } from "@/components/repositories/pull-commands";

const at = (iso: string) => new Date(iso);

describe("defaultPullTag", () => {
  it("prefers latest, even when another tag was pushed after it", () => {
    const tags = [
      { name: "2.0", pushedAt: at("2024-05-02T00:00:00Z") },
      { name: "latest", pushedAt: at("2024-05-01T00:00:00Z") },
    ];
    expect(defaultPullTag(tags)?.name).toBe("latest");
  });

  it("without latest, takes the most recently pushed tag whatever the order given", () => {
    const tags = [
      { name: "1.0", pushedAt: at("2024-05-01T00:00:00Z") },
      { name: "1.2", pushedAt: at("2024-05-03T00:00:00Z") },
      { name: "1.1", pushedAt: at("2024-05-02T00:00:00Z") },
    ];
    expect(defaultPullTag(tags)?.name).toBe("1.2");
  });

  it("breaks a tie on push time by name, as the tag list sorts", () => {
    const same = at("2024-05-01T00:00:00Z");
    expect(
      defaultPullTag([
        { name: "b", pushedAt: same },
        { name: "a", pushedAt: same },
      ])?.name,
    ).toBe("a");
  });

  it("is null for a repository with no tags", () => {
    expect(defaultPullTag([])).toBeNull();
  });
});

describe("pullCommand", () => {
  const base = { image: "reg.example:5001/alice/web", tag: "1.0", plainHttp: false };
  const digest = `sha256:${"a".repeat(64)}`;

  it("names the tag for each client", () => {
    expect(pullCommand({ ...base, client: "docker" })).toBe("docker pull reg.example:5001/alice/web:1.0");
    expect(pullCommand({ ...base, client: "podman" })).toBe("podman pull reg.example:5001/alice/web:1.0");
    expect(pullCommand({ ...base, client: "skopeo" })).toBe(
      "skopeo copy docker://reg.example:5001/alice/web:1.0 oci:./web:1.0",
    );
  });

  it("pins the digest instead of the tag", () => {
    expect(pullCommand({ ...base, client: "docker", digest })).toBe(`docker pull reg.example:5001/alice/web@${digest}`);
    expect(pullCommand({ ...base, client: "skopeo", digest })).toBe(
      `skopeo copy docker://reg.example:5001/alice/web@${digest} oci:./web:1.0`,
    );
  });

  it("turns the TLS check off for a plain-HTTP registry only where the client has the flag", () => {
    const plain = { ...base, plainHttp: true };
    expect(pullCommand({ ...plain, client: "docker" })).toBe("docker pull reg.example:5001/alice/web:1.0");
    expect(pullCommand({ ...plain, client: "podman" })).toBe(
      "podman pull --tls-verify=false reg.example:5001/alice/web:1.0",
    );
    expect(pullCommand({ ...plain, client: "skopeo" })).toBe(
      "skopeo copy --src-tls-verify=false docker://reg.example:5001/alice/web:1.0 oci:./web:1.0",
    );
  });
});
