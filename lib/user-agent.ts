import UAParser from "ua-parser-js";

/**
 * Short labels for User-Agent strings, for the lists of sessions and docker logins on Settings →
 * Security and in sign-in notices. Pure (no database, no server imports): a label is only a hint for people recognising
 * their own devices, since anyone can send any User-Agent.
 */

const UNKNOWN_BROWSER = "Unknown browser";
const UNKNOWN_CLIENT = "Unknown client";

// Registry clients by their product token, first match wins. Docker is handled on its own (it adds OS and architecture).
const REGISTRY_CLIENTS: Array<[RegExp, string]> = [
  [/\bpodman\/v?([\w.+-]+)/i, "Podman"],
  [/\bskopeo\/v?([\w.+-]+)/i, "skopeo"],
  [/\bbuildah\/v?([\w.+-]+)/i, "Buildah"],
  [/\bcontainerd\/v?([\w.+-]+)/i, "containerd"],
  [/\bbuildkit\/v?([\w.+-]+)/i, "BuildKit"],
  [/\bcrane\/v?([\w.+-]+)/i, "crane"],
  [/\bgo-containerregistry\/v?([\w.+-]+)/i, "go-containerregistry"],
  [/\boras\/v?([\w.+-]+)/i, "ORAS"],
  [/\bhelm\/v?([\w.+-]+)/i, "Helm"],
  [/\bkaniko\/v?([\w.+-]+)/i, "kaniko"],
  // Podman and Buildah send containers/image's own token unless they set their own.
  [/\bcontainers\/v?([\w.+-]+) \(github\.com\/containers\/image\)/i, "containers/image"],
];

/** The version without build metadata: "1.7.27+unknown" → "1.7.27". */
function version(v: string | undefined): string {
  return (v ?? "").split("+")[0]!.replace(/[-.]$/, "");
}

/**
 * `docker/28.2.2 go/go1.24.4 … os/linux arch/amd64 UpstreamClient(…)` → "Docker 28.2.2 · linux/amd64";
 * other registry clients by name and version; else the OAuth client id; else "Unknown client".
 */
export function registryClientLabel(userAgent: string | null, clientId: string | null): string {
  const ua = userAgent?.trim() ?? "";
  const docker = /(?:^|\s)docker\/v?([\w.+-]+)/i.exec(ua);
  if (docker) {
    const os = /\bos\/([\w.-]+)/i.exec(ua)?.[1];
    const arch = /\barch\/([\w.-]+)/i.exec(ua)?.[1];
    const platform = os && arch ? `${os}/${arch}` : (os ?? arch);
    return `Docker ${version(docker[1])}${platform ? ` · ${platform}` : ""}`;
  }
  for (const [pattern, name] of REGISTRY_CLIENTS) {
    const m = pattern.exec(ua);
    if (m) return `${name} ${version(m[1])}`.trim();
  }
  const id = clientId?.trim();
  return id ? id.slice(0, 60) : UNKNOWN_CLIENT;
}

// ua-parser-js names some browsers and systems by their variant; people know them by the family.
const BROWSER_NAMES: Record<string, string> = {
  "Mobile Safari": "Safari",
  "Chrome Headless": "Chrome",
  "Chrome WebView": "Chrome",
  "Mobile Chrome": "Chrome",
  "Mobile Firefox": "Firefox",
  "Opera Mobi": "Opera",
  "Opera Touch": "Opera",
};
const SYSTEM_NAMES: Record<string, string> = {
  "Mac OS": "macOS",
  "Chromium OS": "ChromeOS",
  "Chrome OS": "ChromeOS",
};

/** A registry client's user agent (docker, podman, skopeo, …) rather than a browser's. */
function isRegistryClient(ua: string): boolean {
  return /(?:^|\s)docker\/v?[\w.+-]+/i.test(ua) || REGISTRY_CLIENTS.some(([pattern]) => pattern.test(ua));
}

/**
 * "Mozilla/5.0 (Macintosh; …) … Chrome/138.0.0.0 Safari/537.36" → "Chrome 138 on macOS", parsed by
 * ua-parser-js (browser family and major version, operating system without its version: browsers
 * freeze that part, macOS says 10.15.7 whatever it runs). A registry client's user agent keeps its
 * registry-client label ("Docker 28.2.2 · linux/amd64").
 */
export function browserLabel(userAgent: string | null): string {
  const ua = userAgent?.trim() ?? "";
  if (!ua) return UNKNOWN_BROWSER;
  if (isRegistryClient(ua)) return registryClientLabel(ua, null);
  const { browser: b, os } = new UAParser(ua).getResult();
  const browser = b.name ? `${BROWSER_NAMES[b.name] ?? b.name}${b.major ? ` ${b.major}` : ""}` : null;
  const system = os.name ? (SYSTEM_NAMES[os.name] ?? os.name) : null;
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  if (system) return `${UNKNOWN_BROWSER} on ${system}`;
  return UNKNOWN_BROWSER;
}
