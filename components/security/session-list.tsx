import type { ActiveSession } from "@/lib/data/sessions";
import { UNKNOWN_IP } from "@/lib/http/client-ip";
import { browserLabel } from "@/lib/user-agent";
import { RevokeButton } from "./revoke-button";
import { Badge } from "@/components/ui/badge";
import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";

export function SessionList({ sessions }: { sessions: ActiveSession[] }) {
  const now = new Date();
  return (
    <Table headers={["Browser", "Signed in", "Last active", "Address", null]}>
      {sessions.map((s) => {
        const browser = browserLabel(s.userAgent);
        return (
          <tr key={s.id} data-testid="session-row" data-current={s.current || undefined}>
            <td className="px-3 py-3">
              <span className="font-medium" title={s.userAgent ?? undefined}>
                {browser}
              </span>
              {s.current ? (
                <Badge tone="success" className="ml-2">
                  This session
                </Badge>
              ) : null}
            </td>
            <td className="px-3 py-3 whitespace-nowrap">
              <Time value={s.createdAt} now={now} />
            </td>
            <td className="px-3 py-3 whitespace-nowrap">
              {/* This request has just been seen, though last_seen_at is only written once a minute. */}
              <Time value={s.current ? now : s.lastSeenAt} now={now}>
                {s.current ? "Now" : undefined}
              </Time>
            </td>
            <td className="px-3 py-3 whitespace-nowrap">
              {s.ipAddress && s.ipAddress !== UNKNOWN_IP ? (
                <span className="font-mono text-xs">{s.ipAddress}</span>
              ) : (
                "—"
              )}
            </td>
            <td className="px-3 py-3">
              {/* Ending the current session is signing out, and is labelled so. */}
              <RevokeButton
                kind="session"
                id={s.id}
                label={s.current ? "Sign out of this session" : `Revoke session ${browser}`}
                text={s.current ? "Sign out" : "Revoke"}
              />
            </td>
          </tr>
        );
      })}
    </Table>
  );
}
