import Link from "next/link";

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between px-4">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-sm text-white">D</span>
          Dockyard
        </Link>
        <nav className="flex items-center gap-5 text-sm text-slate-600">
          <Link href="/health" className="hover:text-ink">
            Status
          </Link>
        </nav>
      </div>
    </header>
  );
}
