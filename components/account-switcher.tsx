import Link from "next/link";
import { Card } from "@/components/ui/card";

/** The namespaces the user can act in: their own and each organization they belong to. */
export function AccountSwitcher({
  username,
  organizations,
}: {
  username: string;
  organizations: Array<{ name: string; displayName: string | null }>;
}) {
  return (
    <details className="relative" data-testid="account-switcher">
      <summary
        className="cursor-pointer list-none rounded-md px-2 py-1 font-medium text-ink hover:bg-slate-100"
        data-testid="signed-in-as"
      >
        {username}
      </summary>
      <Card padded={false} className="absolute right-0 z-10 mt-2 w-64 p-2 text-sm shadow-lg">
        <p className="px-2 py-1 text-xs font-medium tracking-wide text-slate-500 uppercase">Personal</p>
        <Link href={`/u/${username}`} className="block rounded px-2 py-1.5 hover:bg-slate-100">
          {username}
        </Link>
        <p className="mt-2 px-2 py-1 text-xs font-medium tracking-wide text-slate-500 uppercase">Organizations</p>
        {organizations.map((o) => (
          <Link key={o.name} href={`/orgs/${o.name}`} className="block rounded px-2 py-1.5 hover:bg-slate-100">
            {o.displayName ? `${o.displayName} (${o.name})` : o.name}
          </Link>
        ))}
        {organizations.length === 0 ? <p className="px-2 py-1.5 text-slate-500">None yet</p> : null}
        <Link
          href="/orgs/new"
          className="mt-2 block rounded border-t border-slate-100 px-2 py-1.5 pt-2 text-brand-600 hover:bg-slate-100"
        >
          Create organization
        </Link>
      </Card>
    </details>
  );
}
