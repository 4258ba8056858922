import type { NotificationKind } from "@/db/schema/notifications";

export type { NotificationKind };

/** What each kind is called in settings, and what a user gets before choosing (Docker Hub / GitHub-like defaults). */
export const NOTIFICATION_KIND_INFO: Record<
  NotificationKind,
  { label: string; description: string; defaults: { email: boolean; inApp: boolean } }
> = {
  repository_push: {
    label: "Pushes to my repositories",
    description: "Someone else pushed a tag to a repository you own (or an organization you own).",
    defaults: { email: false, inApp: true },
  },
  // Off by default, as on Docker Hub: you know about your own pushes already.
  own_push: {
    label: "My own pushes",
    description: "You pushed a tag to a repository you own (yourself, from docker or CI with your token).",
    defaults: { email: false, inApp: false },
  },
  new_sign_in: {
    label: "New sign-in",
    description: "Someone signed in to your account in a browser.",
    defaults: { email: true, inApp: true },
  },
  token_created: {
    label: "Access token created",
    description: "A personal access token was created on your account.",
    defaults: { email: true, inApp: true },
  },
  token_expiring: {
    label: "Access token expiring",
    description: "One of your personal access tokens expires within 7 days.",
    defaults: { email: true, inApp: true },
  },
  two_factor_changed: {
    label: "Two-factor authentication changed",
    description: "Two-factor authentication was turned on or off, or recovery codes were regenerated.",
    defaults: { email: true, inApp: true },
  },
  storage_quota: {
    label: "Storage quota",
    description: "A namespace you own reached 80 % or 100 % of its storage quota.",
    defaults: { email: true, inApp: true },
  },
  build_finished: {
    label: "Builds",
    description: "A build you started (or that your build rule started) succeeded or failed.",
    defaults: { email: false, inApp: true },
  },
  organization_invitation: {
    label: "Organization invitations",
    description: "You were invited to join an organization.",
    defaults: { email: true, inApp: true },
  },
};
