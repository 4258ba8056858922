import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { countUnreadNotifications } from "@/lib/data/notifications";
import { listPendingInvitationsFor } from "@/lib/data/organizations";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { AvatarMenu } from "./nav/avatar-menu";
import { accountLinks, browseLinks } from "./nav/links";
import { MenuLinks } from "./nav/menu-links";
import { NavDrawer } from "./nav/nav-drawer";
import { SignOutForm } from "./nav/sign-out-form";
import { NotificationBell } from "./notifications/notification-bell";
import { isSiteOperator } from "@/lib/authz/rules/site-operator";

/**
 * Wide screens: the browse links, the bell and the avatar menu. Phones (below md): the bell and a
 * menu button whose drawer holds everything, so the header never runs off a 360 px screen.
 */
export async function SiteHeader() {
  const user = await getCurrentUser();
  const [invitations, unread] = user
    ? await Promise.all([listPendingInvitationsFor(user.id, user.email), countUnreadNotifications(user.id)])
    : [[], 0];
  const browse = browseLinks(user !== null);
  const invitationsLabel = `Invitations (${invitations.length})`;
  return (
    <header className="border-b border-slate-200 bg-surface">
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-3 px-4">
        <Link href="/" className="flex shrink-0 items-center gap-2 font-semibold tracking-tight">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-sm text-white">
            D
          </span>
          Dockyard
        </Link>
        <div className="flex min-w-0 items-center gap-3">
          <nav className="flex min-w-0 items-center gap-3 text-sm text-slate-600 md:gap-5" aria-label="Main">
            {browse.map((l) => (
              <Link key={l.href} href={l.href} className="hidden hover:text-ink md:inline">
                {l.label}
              </Link>
            ))}
            {user ? (
              <>
                {invitations.length > 0 ? (
                  <Link href="/invitations" className="hidden rounded-full md:inline">
                    <Badge tone="brand" className="hover:bg-brand-100">
                      {invitationsLabel}
                    </Badge>
                  </Link>
                ) : null}
                <NotificationBell initialCount={unread} />
                <div className="hidden md:block">
                  <AvatarMenu username={user.username} isOperator={isSiteOperator(user)} />
                </div>
              </>
            ) : (
              <>
                <Link href="/signin" className="hover:text-ink">
                  Sign in
                </Link>
                {/* A wrapper hides it: the button's own inline-flex would win over `hidden`. */}
                <span className="hidden md:inline">
                  <ButtonLink href="/signup">Sign up</ButtonLink>
                </span>
              </>
            )}
          </nav>
          <div className="md:hidden">
            <NavDrawer>
              <nav aria-label="Menu">
                {user ? (
                  <p className="truncate px-3 pb-2 text-xs text-slate-500">
                    Signed in as <span className="font-medium text-ink">{user.username}</span>
                  </p>
                ) : null}
                <MenuLinks
                  groups={
                    user
                      ? [
                          [
                            ...browse,
                            ...(invitations.length > 0 ? [{ href: "/invitations", label: invitationsLabel }] : []),
                          ],
                          ...accountLinks(user.username, isSiteOperator(user)),
                        ]
                      : [browse, [{ href: "/signup", label: "Sign up" }]]
                  }
                />
                {user ? (
                  <div className="mt-2 border-t border-slate-100 px-1 pt-3">
                    <SignOutForm />
                  </div>
                ) : null}
              </nav>
            </NavDrawer>
          </div>
        </div>
      </div>
    </header>
  );
}
