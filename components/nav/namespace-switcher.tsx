import Link from "next/link";
import { Avatar } from "./avatar";
import { DisclosureMenu } from "./disclosure-menu";

export type NamespaceOption = { name: string; kind: "user" | "org"; href: string };

/**
 * The namespace a list is showing, and a menu of the others the user can switch to (their own,
 * then their organizations'), as Docker Hub's: each choice is a link, so the URL keeps `?ns=`.
 */
export function NamespaceSwitcher({ current, options }: { current: NamespaceOption; options: NamespaceOption[] }) {
  const personal = options.filter((o) => o.kind === "user");
  const orgs = options.filter((o) => o.kind === "org");
  return (
    <DisclosureMenu
      align="left"
      buttonLabel={`Namespace: ${current.name}`}
      buttonClassName="flex max-w-full items-center gap-2 rounded-lg border border-slate-300 bg-surface py-1.5 pr-2 pl-1.5 text-sm font-medium text-ink hover:bg-slate-50"
      panelClassName="w-72 max-w-[calc(100vw-2rem)]"
      button={
        <>
          <Avatar name={current.name} size="sm" />
          <span className="min-w-0 truncate" data-testid="current-namespace">
            {current.name}
          </span>
          <span className="text-xs font-normal text-slate-500">
            {current.kind === "org" ? "Organization" : "Personal"}
          </span>
          <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4 shrink-0 text-slate-500">
            <path d="M5.2 7.5a.75.75 0 0 1 1.06 0L10 11.2l3.74-3.7a.75.75 0 1 1 1.06 1.06l-4.27 4.24a.75.75 0 0 1-1.06 0L5.2 8.56a.75.75 0 0 1 0-1.06Z" />
          </svg>
        </>
      }
    >
      <nav aria-label="Namespace">
        <Group title="Personal" options={personal} current={current.name} />
        <Group title="Organizations" options={orgs} current={current.name} />
        {orgs.length === 0 ? <p className="px-3 py-1.5 text-slate-500">None yet</p> : null}
        <div className="mt-1 border-t border-slate-100 pt-1">
          <Link href="/orgs/new" className="block rounded-md px-3 py-2 text-link hover:bg-slate-100">
            Create organization
          </Link>
        </div>
      </nav>
    </DisclosureMenu>
  );
}

function Group({ title, options, current }: { title: string; options: NamespaceOption[]; current: string }) {
  return (
    <>
      <p className="px-3 pt-2 pb-1 text-xs font-medium tracking-wide text-slate-500 uppercase">{title}</p>
      <ul>
        {options.map((o) => (
          <li key={o.name}>
            <Link
              href={o.href}
              aria-current={o.name === current ? "page" : undefined}
              className={`flex items-center gap-2 rounded-md px-3 py-2 hover:bg-slate-100 ${o.name === current ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700"}`}
            >
              <Avatar name={o.name} size="sm" />
              <span className="min-w-0 truncate">{o.name}</span>
              {o.name === current ? <span className="ml-auto text-xs">Current</span> : null}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
