import { CopyField } from "@/components/ui/copy-field";
import { EmptyState } from "@/components/ui/empty-state";
import type { RegistryLogin } from "@/lib/data/registry-logins";
import { UNKNOWN_IP } from "@/lib/http/client-ip";
import { registryClientLabel } from "@/lib/user-agent";
import { RevokeButton } from "./revoke-button";
import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";

function MadeWith({ token }: { token: RegistryLogin["token"] }) {
  if (!token) return <>Password</>;
  return (
    <>
      Token <span className="font-medium">{token.name}</span>
      {/* It comes back if the token is activated again, so it stays listed (and revocable). */}
      {token.active ? null : <span className="ml-1 text-xs text-amber-800">(token inactive)</span>}
    </>
  );
}

/** Where it logged in from and, if it moved, where it was last used. */
function Address(props: { created: string | null; lastUsed: string | null }) {
  // An address the console could not learn (no trusted proxy) is shown as unknown, like a missing one.
  const known = (ip: string | null) => (ip && ip !== UNKNOWN_IP ? ip : null);
  const created = known(props.created);
  const lastUsed = known(props.lastUsed);
  if (!created && !lastUsed) return <>—</>;
  if (!lastUsed || lastUsed === created) return <span className="font-mono text-xs">{created}</span>;
  return (
    <>
      <span className="block font-mono text-xs">{lastUsed}</span>
      <span className="block text-xs text-slate-500">
        first {created ? <span className="font-mono">{created}</span> : "—"}
      </span>
    </>
  );
}

export function DockerLoginList({ logins, registryHost }: { logins: RegistryLogin[]; registryHost: string }) {
  if (logins.length === 0) {
    return (
      <EmptyState
        title="No docker client is logged in to your account."
        testId="docker-logins-empty"
        action={
          <div className="mx-auto max-w-xl text-left">
            <CopyField command value={`docker login ${registryHost}`} />
          </div>
        }
      >
        A client that logs in with your password or a personal access token shows up here, and you can end it from here:
      </EmptyState>
    );
  }
  const now = new Date();
  return (
    <Table headers={["Client", "Logged in with", "Created", "Last used", "Address", null]}>
      {logins.map((l) => {
        const client = registryClientLabel(l.userAgent, l.clientId);
        return (
          <tr key={l.id} data-testid="docker-login-row">
            <td className="px-3 py-3">
              <span className="block font-medium" title={l.userAgent ?? undefined}>
                {client}
              </span>
              {/* The OAuth client id only when it adds something ("docker" under "Docker 28.2.2" does not). */}
              {l.clientId && !client.toLowerCase().startsWith(l.clientId.toLowerCase()) ? (
                <span className="block text-xs text-slate-500">client id {l.clientId}</span>
              ) : null}
            </td>
            <td className="px-3 py-3">
              <MadeWith token={l.token} />
            </td>
            <td className="px-3 py-3 whitespace-nowrap">
              <Time value={l.createdAt} now={now} />
            </td>
            {/* The login itself was a use (it came with an access token); later uses are refreshes. */}
            <td className="px-3 py-3 whitespace-nowrap">
              <Time value={l.lastUsedAt ?? l.createdAt} now={now} />
            </td>
            <td className="px-3 py-3 whitespace-nowrap">
              <Address created={l.createdIp} lastUsed={l.lastUsedIp} />
            </td>
            <td className="px-3 py-3">
              <RevokeButton kind="docker-login" id={l.id} label={`Revoke docker login ${client}`} />
            </td>
          </tr>
        );
      })}
    </Table>
  );
}
