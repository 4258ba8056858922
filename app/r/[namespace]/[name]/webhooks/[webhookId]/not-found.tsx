import Link from "next/link";

export default function WebhookNotFound() {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-8 text-center">
      <p className="font-medium">This webhook does not exist</p>
      <p className="mt-1 text-sm text-slate-600">It may have been deleted, or the link is wrong.</p>
      <Link href="." className="mt-4 inline-block text-sm text-brand-600 hover:underline">
        Back to webhooks
      </Link>
    </div>
  );
}
