import type { Metadata } from "next";
import { TwoFactorManage } from "@/components/security/two-factor-manage";
import { TwoFactorSetup } from "@/components/security/two-factor-setup";
import { Section } from "@/components/settings/section";
import { requireUser } from "@/lib/auth/session";
import { getTwoFactorStatus } from "@/lib/data/two-factor";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const user = await requireUser("/settings/security");
  const status = await getTwoFactorStatus(user.id);
  return (
    <Section
      title="Two-factor authentication"
      description={
        status.enabledAt ? (
          <span data-testid="2fa-status">
            <span className="font-medium text-emerald-700">Enabled</span> since {formatDate(status.enabledAt)} · {status.unusedRecoveryCodes} of 10 recovery codes left
          </span>
        ) : (
          <span data-testid="2fa-status">
            <span className="font-medium text-slate-800">Off.</span> Your password alone signs you in.
          </span>
        )
      }
    >
      {status.enabledAt ? <TwoFactorManage key="on" /> : <TwoFactorSetup key="off" />}
    </Section>
  );
}
