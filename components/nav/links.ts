/** One entry of the header's menus; the avatar menu and the phone drawer list the same ones. */
export type NavItem = { href: string; label: string };

/** The service's own pages: signed-out visitors see them in the header, everyone in the footer and menus. */
export const SERVICE_LINKS: NavItem[] = [
  { href: "/health", label: "Status" },
  { href: "/api-docs", label: "API" },
];

/** Where everyone goes: the header shows these on wide screens, the drawer on phones. */
export function browseLinks(signedIn: boolean): NavItem[] {
  return signedIn
    ? [
        { href: "/explore", label: "Explore" },
        { href: "/repositories", label: "Repositories" },
      ]
    : [{ href: "/explore", label: "Explore" }, ...SERVICE_LINKS];
}

/** The signed-in user's own places, grouped under the avatar so the header keeps two links and the bell. */
export function accountLinks(username: string, isOperator: boolean): NavItem[][] {
  return [
    [
      { href: `/u/${username}`, label: "Profile" },
      { href: "/starred", label: "Starred" },
      { href: "/orgs", label: "Organizations" },
    ],
    [
      { href: "/settings/general", label: "Settings" },
      { href: "/settings/tokens", label: "Tokens" },
      ...(isOperator ? [{ href: "/admin/settings", label: "Admin" }] : []),
    ],
    SERVICE_LINKS,
  ];
}
