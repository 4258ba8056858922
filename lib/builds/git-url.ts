/**
 * A build source's Git URL (issue 23): HTTPS (`https://host/path`) or SSH (`ssh://[user@]host[:port]/path`
 * or scp-like `user@host:path`). Plain http://, git:// and file paths are refused: a build must
 * fetch over an authenticated, encrypted transport from a host the SSRF rules can judge.
 */
export type GitUrl = { transport: "https" | "ssh"; host: string };

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
  if (url.protocol === "http:") return { error: "Use https://: plain http:// sends the credential in clear" };
  if (url.protocol !== "https:" && url.protocol !== "ssh:")
    return { error: "Enter an https:// URL, an ssh:// URL or git@host:path" };
  if (!url.hostname) return { error: "The URL names no host" };
  if (url.password || (url.protocol === "https:" && url.username))
    return { error: "Put no credentials in the URL; use the access token field" };
  if (url.pathname.length <= 1) return { error: "Add the repository's path, e.g. /team/app.git" };
  return { transport: url.protocol === "https:" ? "https" : "ssh", host: url.hostname.replace(/^\[|\]$/g, "") };
}
