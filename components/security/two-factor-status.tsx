"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import { Time } from "@/components/ui/time";

/**
 * The status line reflects an enrolment that just succeeded. The page deliberately does not
 * re-render on enable (it would swap to the "enabled" view and lose the recovery codes shown
 * once), so the setup form tells the line directly.
 */
const JustEnabled = createContext<{ newCodes: number | null; markEnabled: (recoveryCodes: number) => void }>({
  newCodes: null,
  markEnabled: () => {},
});

export function TwoFactorStatusProvider({ children }: { children: ReactNode }) {
  const [newCodes, setNewCodes] = useState<number | null>(null);
  return <JustEnabled.Provider value={{ newCodes, markEnabled: setNewCodes }}>{children}</JustEnabled.Provider>;
}

export function useMarkTwoFactorEnabled(): (recoveryCodes: number) => void {
  return useContext(JustEnabled).markEnabled;
}

/** `enabledSince` is when 2FA was turned on (an ISO string or date from the server). */
export function TwoFactorStatus({
  enabledSince,
  unusedRecoveryCodes,
}: {
  enabledSince: Date | string | null;
  unusedRecoveryCodes: number;
}) {
  const { newCodes } = useContext(JustEnabled);
  if (enabledSince || newCodes !== null) {
    return (
      <span data-testid="2fa-status">
        <span className="font-medium text-emerald-700">Enabled</span>{" "}
        {enabledSince ? <Time value={enabledSince} /> : "just now"} · {enabledSince ? unusedRecoveryCodes : newCodes} of
        10 recovery codes left
      </span>
    );
  }
  return (
    <span data-testid="2fa-status">
      <span className="font-medium text-slate-800">Off.</span> Your password alone signs you in.
    </span>
  );
}
