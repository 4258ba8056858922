import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ProfileCard } from "@/components/profile/profile-card";
import { getPublicProfile } from "@/lib/data/users";

type Props = { params: Promise<{ username: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).username };
}

export default async function ProfilePage({ params }: Props) {
  const profile = await getPublicProfile((await params).username);
  if (!profile) notFound();
  return (
    <div className="grid gap-8 md:grid-cols-[280px_1fr]">
      <ProfileCard profile={profile} />
      <section aria-labelledby="public-repos" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="public-repos" className="font-semibold">
          Public repositories
        </h2>
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 bg-slate-50 px-6 py-8 text-center text-sm text-slate-600" data-testid="no-public-repos">
          {profile.username} has no public repositories yet.
        </p>
      </section>
    </div>
  );
}
