import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export type GitSshServer = {
  /** The clone URL of `<projectRoot>/<name>.git`, as a build source takes it. */
  url: (name: string) => string;
  /** Lets a deploy key (an OpenSSH public key line) fetch, through git-shell only. */
  authorize: (publicKey: string) => Promise<void>;
  close: () => Promise<void>;
};

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Git over SSH, served for real by OpenSSH's sshd (Debian's openssh-server) on 127.0.0.1 with a
 * config, host key and authorized_keys of its own, for tests of builds from a deploy-key source
 * (build sources are https:// or SSH only, and a test's https server would need a CA the build's
 * git trusts). Logins are as the user running the tests, whose authorized keys may run git-shell
 * and nothing else; the machine's own sshd and keys are not touched.
 */
export async function startGitSshServer(opts: { projectRoot: string }): Promise<GitSshServer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "git-sshd-"));
  const hostKey = path.join(dir, "host_key");
  const authorized = path.join(dir, "authorized_keys");
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", hostKey]);
  await fs.writeFile(authorized, "", { mode: 0o600 });
  // sshd wants its privilege separation directory even when it never drops to it for a key login.
  await fs.mkdir("/run/sshd", { recursive: true, mode: 0o755 }).catch(() => undefined);
  const port = await freePort();
  const config = path.join(dir, "sshd_config");
  await fs.writeFile(
    config,
    [
      `ListenAddress 127.0.0.1:${port}`,
      `HostKey ${hostKey}`,
      `AuthorizedKeysFile ${authorized}`,
      "PermitRootLogin forced-commands-only",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "UsePAM no",
      "StrictModes no",
      "PidFile none",
      "",
    ].join("\n"),
  );
  const child = spawn("/usr/sbin/sshd", ["-D", "-e", "-f", config], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sshd did not start:\n${log}`)), 10_000);
    child.stderr.on("data", (d: Buffer) => {
      log += d.toString();
      if (log.includes("Server listening")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`sshd exited (${code}):\n${log}`));
    });
  });
  const user = os.userInfo().username;
  return {
    url: (name) => `ssh://${user}@127.0.0.1:${port}${path.join(opts.projectRoot, `${name}.git`)}`,
    authorize: (publicKey) =>
      fs.appendFile(
        authorized,
        `command="git-shell -c \\"$SSH_ORIGINAL_COMMAND\\"",no-pty,no-port-forwarding,no-agent-forwarding,no-X11-forwarding ${publicKey.trim()}\n`,
      ),
    close: async () => {
      child.kill("SIGTERM");
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
