import type { Metadata } from "next";
import { TwoFactorManage } from "@/components/security/two-factor-manage";
import { TwoFactorSetup } from "@/components/security/two-factor-setup";
import { TwoFactorStatus, TwoFactorStatusProvider } from "@/components/security/two-factor-status";
import { Section } from "@/components/settings/section";
import { requireUser } from "@/lib/auth/session";
import { getTwoFactorStatus } from "@/lib/data/two-factor";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage({ searchParams }: { searchParams: Promise<{ disabled?: string }> }) {
  const user = await requireUser("/settings/security");
  const status = await getTwoFactorStatus(user.id);
  // Set by the disable action's redirect: the form that would show its message is gone by then.
  const justDisabled = (await searchParams).disabled === "1" && !status.enabledAt;
  // Keyed by the stored state, so turning 2FA off forgets an earlier "enabled just now" on this page.
  return (
    <TwoFactorStatusProvider key={status.enabledAt ? "on" : "off"}>
      {justDisabled ? (
        <div role="status" data-testid="form-success" className="rounded-xl border border-emerald-200 bg-emerald-50 px-5 py-4 text-sm text-emerald-800">
          Two-factor authentication is off. Your other sessions were signed out.
        </div>
      ) : null}
      <Section
        title="Two-factor authentication"
        description={<TwoFactorStatus enabledSince={status.enabledAt ? formatDate(status.enabledAt) : null} unusedRecoveryCodes={status.unusedRecoveryCodes} />}
      >
        {status.enabledAt ? <TwoFactorManage key="on" /> : <TwoFactorSetup key="off" />}
      </Section>
    </TwoFactorStatusProvider>
  );
}
