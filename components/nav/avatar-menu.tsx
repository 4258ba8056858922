import { Avatar } from "./avatar";
import { DisclosureMenu } from "./disclosure-menu";
import { accountLinks } from "./links";
import { MenuLinks } from "./menu-links";
import { SignOutForm } from "./sign-out-form";

/** The signed-in user's menu on wide screens: profile, organizations, settings, tokens, sign out. */
export function AvatarMenu({ username, isOperator }: { username: string; isOperator: boolean }) {
  return (
    <DisclosureMenu
      buttonClassName="flex items-center gap-2 rounded-full py-0.5 pr-2 pl-0.5 font-medium text-ink hover:bg-slate-100"
      panelClassName="w-60"
      button={
        <>
          <Avatar name={username} />
          {/* Only the name in here: tests read this element's text as the signed-in username. */}
          <span className="max-w-40 truncate" data-testid="signed-in-as">
            {username}
          </span>
          <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4 text-slate-500">
            <path d="M5.2 7.5a.75.75 0 0 1 1.06 0L10 11.2l3.74-3.7a.75.75 0 1 1 1.06 1.06l-4.27 4.24a.75.75 0 0 1-1.06 0L5.2 8.56a.75.75 0 0 1 0-1.06Z" />
          </svg>
        </>
      }
    >
      <nav aria-label="Account">
        <p className="truncate px-3 pt-1 pb-2 text-xs text-slate-500">
          Signed in as <span className="font-medium text-ink">{username}</span>
        </p>
        <MenuLinks groups={accountLinks(username, isOperator)} />
        <div className="mt-1 border-t border-slate-100 px-1 pt-2 pb-1">
          <SignOutForm />
        </div>
      </nav>
    </DisclosureMenu>
  );
}
