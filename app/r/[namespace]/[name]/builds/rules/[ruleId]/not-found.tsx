import Link from "next/link";

export default function BuildRuleNotFound() {
  return (
    <div className="rounded-xl border border-slate-200 bg-surface p-6">
      <p className="font-medium">That build rule does not exist</p>
      <p className="mt-1 text-sm text-slate-600">
        It may have been deleted.{" "}
        <Link href=".." className="text-link hover:underline">
          Back to Builds
        </Link>
      </p>
    </div>
  );
}
