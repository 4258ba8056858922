import { describe, expect, it } from "vitest";
import { browserLabel, registryClientLabel } from "@/lib/user-agent";

describe("registry client labels", () => {
  it("names docker with its version and platform", () => {
    expect(
      registryClientLabel(
        "docker/28.2.2 go/go1.24.4 git-commit/e6534b4 kernel/6.8.0-60-generic os/linux arch/amd64 UpstreamClient(Docker-Client/28.2.2 \\(linux\\))",
        "docker",
      ),
    ).toBe("Docker 28.2.2 · linux/amd64");
    expect(
      registryClientLabel(
        "docker/27.5.1 go/go1.22.11 kernel/6.10.14-linuxkit os/linux arch/arm64 UpstreamClient(Docker-Client/27.5.1 \\(darwin\\))",
        null,
      ),
    ).toBe("Docker 27.5.1 · linux/arm64");
    expect(registryClientLabel("docker/20.10.7", "docker")).toBe("Docker 20.10.7");
  });

  it("names the other common clients by their product token", () => {
    expect(registryClientLabel("skopeo/1.13.3", null)).toBe("skopeo 1.13.3");
    expect(registryClientLabel("containerd/v1.7.27+unknown", "containerd-client")).toBe("containerd 1.7.27");
    expect(registryClientLabel("podman/5.4.0", null)).toBe("Podman 5.4.0");
    expect(registryClientLabel("containers/5.29.2 (github.com/containers/image)", null)).toBe(
      "containers/image 5.29.2",
    );
    expect(registryClientLabel("buildkit/v0.20.1", null)).toBe("BuildKit 0.20.1");
  });

  it("falls back to the client id, then to 'Unknown client'", () => {
    expect(registryClientLabel("curl/8.5.0", "docker")).toBe("docker");
    expect(registryClientLabel(null, "  ")).toBe("Unknown client");
    expect(registryClientLabel("", null)).toBe("Unknown client");
  });
});

describe("browser labels", () => {
  const cases: Array<[string, string]> = [
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36",
      "Chrome 138 on macOS",
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36 Edg/138.0.3351.65",
      "Edge 138 on Windows",
    ],
    ["Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0", "Firefox 140 on Linux"],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15",
      "Safari 18 on macOS",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1",
      "Safari 18 on iOS",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/138.0.7204.156 Mobile/15E148 Safari/604.1",
      "Chrome 138 on iOS",
    ],
    [
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Mobile Safari/537.36",
      "Chrome 138 on Android",
    ],
    [
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/138.0.0.0 Safari/537.36",
      "Chrome 138 on Linux",
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36 OPR/120.0.0.0",
      "Opera 120 on Windows",
    ],
    [
      "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36",
      "Chrome 138 on ChromeOS",
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36 Vivaldi/7.5.3735.47",
      "Vivaldi 7 on Windows",
    ],
    ["Mozilla/5.0 (Android 14; Mobile; rv:140.0) Gecko/140.0 Firefox/140.0", "Firefox 140 on Android"],
    ["Mozilla/5.0 (X11; Linux x86_64) SomethingElse/1.0", "Unknown browser on Linux"],
    ["node", "Unknown browser"],
  ];
  it.each(cases)("%s", (ua, label) => expect(browserLabel(ua)).toBe(label));
  it("says so when there is none", () => expect(browserLabel(null)).toBe("Unknown browser"));
  it("keeps the registry-client labels for docker, podman and skopeo", () => {
    expect(browserLabel("docker/28.2.2 go/go1.24.4 git-commit/e6534b4 kernel/6.8.0 os/linux arch/amd64")).toBe(
      "Docker 28.2.2 · linux/amd64",
    );
    expect(browserLabel("podman/5.4.0")).toBe("Podman 5.4.0");
    expect(browserLabel("skopeo/1.13.3")).toBe("skopeo 1.13.3");
  });
});
