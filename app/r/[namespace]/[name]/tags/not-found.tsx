import Link from "next/link";

export default function TagNotFound() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-8 text-center">
      <p className="text-sm font-medium text-brand-600">404</p>
      <h2 className="mt-1 text-xl font-semibold">No such tag</h2>
      <p className="mt-2 text-sm text-slate-600">This tag does not exist in this repository, or it was deleted.</p>
      <Link href="." className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        All tags
      </Link>
    </div>
  );
}
