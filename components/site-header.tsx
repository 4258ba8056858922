import Link from "next/link";
import { signOutAction } from "@/lib/actions/auth";
import { getCurrentUser } from "@/lib/auth/session";
import { countUnreadNotifications } from "@/lib/data/notifications";
import { listMyOrganizations, listPendingInvitationsFor } from "@/lib/data/organizations";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { AccountSwitcher } from "./account-switcher";
import { NotificationBell } from "./notifications/notification-bell";
import { isSiteOperator } from "@/lib/authz/rules/site-operator";

export async function SiteHeader() {
  const user = await getCurrentUser();
  const [organizations, invitations, unread] = user
    ? await Promise.all([
        listMyOrganizations(user.id),
        listPendingInvitationsFor(user.id, user.email),
        countUnreadNotifications(user.id),
      ])
    : [[], [], 0];
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between px-4">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-sm text-white">
            D
          </span>
          Dockyard
        </Link>
        <nav className="flex items-center gap-5 text-sm text-slate-600" aria-label="Main">
          <Link href="/explore" className="hover:text-ink">
            Explore
          </Link>
          <Link href="/health" className="hover:text-ink">
            Status
          </Link>
          <Link href="/api-docs" className="hover:text-ink">
            API
          </Link>
          {user ? (
            <>
              <Link href="/repositories" className="hover:text-ink">
                Repositories
              </Link>
              <Link href="/starred" className="hover:text-ink">
                Starred
              </Link>
              <Link href={`/u/${user.username}`} className="hover:text-ink">
                Profile
              </Link>
              <Link href="/settings/general" className="hover:text-ink">
                Settings
              </Link>
              {isSiteOperator(user) ? (
                <Link href="/admin/settings" className="hover:text-ink">
                  Admin
                </Link>
              ) : null}
              {invitations.length > 0 ? (
                <Link href="/invitations" className="rounded-full">
                  <Badge tone="brand" className="hover:bg-brand-100">
                    Invitations ({invitations.length})
                  </Badge>
                </Link>
              ) : null}
              <NotificationBell initialCount={unread} />
              <AccountSwitcher username={user.username} organizations={organizations} />
              <form action={signOutAction}>
                <Button type="submit" variant="secondary">
                  Sign out
                </Button>
              </form>
            </>
          ) : (
            <>
              <Link href="/signin" className="hover:text-ink">
                Sign in
              </Link>
              <ButtonLink href="/signup">Sign up</ButtonLink>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
