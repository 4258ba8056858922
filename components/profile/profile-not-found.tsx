import Link from "next/link";

/** The 404 of /u/<username>: unknown and deactivated accounts look the same. */
export function ProfileNotFound() {
  return (
    <div className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-8 text-center">
      <p className="text-sm font-medium text-brand-600">404</p>
      <h1 className="mt-1 text-xl font-semibold">No such user</h1>
      <p className="mt-2 text-sm text-slate-600">This account does not exist or is no longer active.</p>
      <Link href="/" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Go home
      </Link>
    </div>
  );
}
