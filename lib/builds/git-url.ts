/**
 * A build source's Git URL (issue 23): HTTPS (`https://host/path`) or SSH (`ssh://[user@]host[:port]/path`
 * or scp-like `user@host:path`). git:// and file paths are refused, and plain http:// everywhere but
 * on loopback (a Git server on the console's own machine: the credential never leaves it; and
 * loopback is private, so the operator must allow private Git hosts too): a build must fetch over
 * an authenticated, encrypted transport from a host the SSRF rules can judge.
 */
export type GitUrl = { transport: "https" | "http" | "ssh"; host: string };

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

const SCP_LIKE = /^([A-Za-z0-9._-]+)@([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):(?!\/)(\S+)$/;

/** The parsed URL, or what is wrong with it (as a sentence for the field). */
export function parseGitUrl(value: string): GitUrl | { error: string } {
  if (value.length === 0) return { error: "Enter the Git repository's URL" };
  if (value.length > 2000) return { error: "At most 2,000 characters" };
  if (/\s/.test(value)) return { error: "A Git URL has no spaces" };
  const scp = SCP_LIKE.exec(value);
  if (scp && !value.includes("://")) return { transport: "ssh", host: scp[2]!.replace(/^\[|\]$/g, "") };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { error: "Enter an https:// URL, an ssh:// URL or git@host:path" };
  }
  if (url.protocol === "http:" && !LOOPBACK.test(url.hostname))
    return { error: "Use https://: plain http:// sends the credential in clear (it is allowed on loopback only)" };
  if (url.protocol !== "https:" && url.protocol !== "http:" && url.protocol !== "ssh:")
    return { error: "Enter an https:// URL, an ssh:// URL or git@host:path" };
  if (!url.hostname) return { error: "The URL names no host" };
  if (url.password || (url.protocol !== "ssh:" && url.username))
    return { error: "Put no credentials in the URL; use the access token field" };
  if (url.pathname.length <= 1) return { error: "Add the repository's path, e.g. /team/app.git" };
  const transport = url.protocol === "https:" ? "https" : url.protocol === "http:" ? "http" : "ssh";
  return { transport, host: url.hostname.replace(/^\[|\]$/g, "") };
}
