import type { Metadata } from "next";
import { FormMessage } from "@/components/forms/form-message";
import { DockerLoginList } from "@/components/security/docker-login-list";
import { SessionList } from "@/components/security/session-list";
import { SignOutEverywhere } from "@/components/security/sign-out-everywhere";
import { TwoFactorManage } from "@/components/security/two-factor-manage";
import { TwoFactorSetup } from "@/components/security/two-factor-setup";
import { TwoFactorStatus, TwoFactorStatusProvider } from "@/components/security/two-factor-status";
import { Section } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { listRegistryLogins } from "@/lib/data/registry-logins";
import { listActiveSessions } from "@/lib/data/sessions";
import { getTwoFactorStatus } from "@/lib/data/two-factor";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage({ searchParams }: { searchParams: Promise<{ disabled?: string }> }) {
  const user = await requireUser("/settings/security");
  const [status, logins, sessions] = await Promise.all([
    getTwoFactorStatus(user.id),
    listRegistryLogins(user.id),
    listActiveSessions(user.id, user.sessionId),
  ]);
  // Set by the disable action's redirect: the form that would show its message is gone by then.
  const justDisabled = (await searchParams).disabled === "1" && !status.enabledAt;
  // Keyed by the stored state, so turning 2FA off forgets an earlier "enabled just now" on this page.
  return (
    <>
      <TwoFactorStatusProvider key={status.enabledAt ? "on" : "off"}>
        {justDisabled ? (
          <FormMessage
            state={{ ok: true, message: "Two-factor authentication is off. Your other sessions were signed out." }}
          />
        ) : null}
        <Section
          title="Two-factor authentication"
          description={
            <TwoFactorStatus enabledSince={status.enabledAt} unusedRecoveryCodes={status.unusedRecoveryCodes} />
          }
        >
          {status.enabledAt ? <TwoFactorManage key="on" /> : <TwoFactorSetup key="off" />}
        </Section>
      </TwoFactorStatusProvider>
      <Section
        title="Docker logins"
        description={
          <>
            Clients that ran <code className="font-mono">docker login</code> (or skopeo, podman, containerd…) stay
            logged in with a refresh token. Revoke one and that client must log in again.
          </>
        }
      >
        <DockerLoginList logins={logins} registryHost={getEnv().REGISTRY_PUBLIC_HOST} />
      </Section>
      <Section
        title="Web sessions"
        description="Browsers signed in to this website. Revoking a session signs that browser out at its next request."
      >
        <SessionList sessions={sessions} />
      </Section>
      <Section
        title="Sign out everywhere"
        description="Ends every web session, this one included, and every docker login, whether made with your password or a personal access token. The tokens themselves keep working: delete them under Personal access tokens."
        tone="danger"
      >
        <SignOutEverywhere sessions={sessions.length} dockerLogins={logins.length} />
      </Section>
    </>
  );
}
