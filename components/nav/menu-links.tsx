import Link from "next/link";
import type { NavItem } from "./links";

/** Groups of links, a rule between groups: the avatar menu's and the drawer's body. */
export function MenuLinks({ groups }: { groups: NavItem[][] }) {
  return (
    <>
      {groups
        .filter((g) => g.length > 0)
        .map((group, i) => (
          <ul key={i} className={i > 0 ? "mt-1 border-t border-slate-100 pt-1" : ""}>
            {group.map((l) => (
              <li key={l.href}>
                <Link
                  href={l.href}
                  className="block rounded-md px-3 py-2 text-slate-700 hover:bg-slate-100 hover:text-ink"
                >
                  {l.label}
                </Link>
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}
