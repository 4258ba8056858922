/**
 * Short labels for User-Agent strings, for the lists of sessions and docker logins on Settings →
 * Security. Pure (no database, no server imports): a label is only a hint for people recognising
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

const BROWSERS: Array<[RegExp, string]> = [
  // Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, "Edge"],
  [/\b(?:OPR|Opera)\/(\d+)/, "Opera"],
  [/\b(?:Firefox|FxiOS)\/(\d+)/, "Firefox"],
  [/\b(?:HeadlessChrome|Chrome|CriOS|Chromium)\/(\d+)/, "Chrome"],
  [/\bVersion\/(\d+)(?:\.\d+)*.*\bSafari\//, "Safari"],
];

const SYSTEMS: Array<[RegExp, string]> = [
  // iPadOS 13+ says Macintosh; only the older ones and iPhones are told apart here.
  [/\b(?:iPhone|iPad|iPod)\b/, "iOS"],
  [/\bAndroid\b/, "Android"],
  [/\bWindows\b/, "Windows"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b|\bX11\b/, "Linux"],
];

/** "Mozilla/5.0 (Macintosh; …) … Chrome/138.0.0.0 Safari/537.36" → "Chrome 138 on macOS". */
export function browserLabel(userAgent: string | null): string {
  const ua = userAgent?.trim() ?? "";
  if (!ua) return UNKNOWN_BROWSER;
  let browser: string | null = null;
  for (const [pattern, name] of BROWSERS) {
    const m = pattern.exec(ua);
    if (m) {
      browser = `${name} ${m[1]}`;
      break;
    }
  }
  const system = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1] ?? null;
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  if (system) return `${UNKNOWN_BROWSER} on ${system}`;
  return UNKNOWN_BROWSER;
}
