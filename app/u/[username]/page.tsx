import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ProfileCard } from "@/components/profile/profile-card";
import { RepositoryList } from "@/components/repositories/repository-list";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";
import { getCurrentUser } from "@/lib/auth/session";
import { listVisibleRepositories } from "@/lib/data/repositories";
import { getPublicProfile } from "@/lib/data/users";

type Props = { params: Promise<{ username: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).username };
}

export default async function ProfilePage({ params }: Props) {
  const profile = await getPublicProfile((await params).username);
  if (!profile) notFound();
  const viewer = await getCurrentUser();
  const repositories = await listVisibleRepositories(profile.namespaceId, viewer?.id ?? null);
  const own = viewer?.username === profile.username;
  return (
    <div className="grid gap-8 md:grid-cols-[280px_1fr]">
      <ProfileCard profile={profile} />
      <Card role="region" aria-labelledby="profile-repos">
        <h2 id="profile-repos" className="mb-4 font-semibold">
          {own ? "Your repositories" : "Public repositories"}
        </h2>
        <RepositoryList
          namespace={profile.username}
          repositories={repositories}
          emptyTitle={own ? "You have no repositories yet." : `${profile.username} has no public repositories yet.`}
          empty={
            own ? (
              <span data-testid="no-repos">
                <TextLink href="/repositories/new">Create one</TextLink> or push an image to{" "}
                <code className="font-mono">{profile.username}/</code>.
              </span>
            ) : null
          }
        />
      </Card>
    </div>
  );
}
