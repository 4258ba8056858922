import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";
import type { PublicProfile } from "@/lib/data/users";
import { Time } from "@/components/ui/time";

/** Only http(s) URLs become links; anything else (e.g. legacy data) is shown as text. */
function safeHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.toString() : null;
  } catch {
    return null;
  }
}

export function ProfileCard({ profile }: { profile: PublicProfile }) {
  const href = profile.website ? safeHref(profile.website) : null;
  return (
    <Card role="complementary" data-testid="profile-card">
      <div
        aria-hidden
        className="grid h-16 w-16 place-items-center rounded-full bg-brand-100 text-2xl font-semibold text-brand-700 uppercase"
      >
        {profile.username[0]}
      </div>
      <h1 className="mt-4 text-xl font-semibold">{profile.displayName ?? profile.username}</h1>
      {profile.displayName ? <p className="text-sm text-slate-500">{profile.username}</p> : null}
      <dl className="mt-4 space-y-2 text-sm text-slate-700">
        {(
          [
            ["Company", profile.company],
            ["Location", profile.location],
          ] as const
        ).map(([label, value]) =>
          value ? (
            <div key={label}>
              <dt className="sr-only">{label}</dt>
              <dd>{value}</dd>
            </div>
          ) : null,
        )}
        {profile.website ? (
          <div>
            <dt className="sr-only">Website</dt>
            <dd className="break-all">
              {href ? (
                <TextLink href={href} rel="nofollow ugc noopener" target="_blank">
                  {profile.website}
                </TextLink>
              ) : (
                profile.website
              )}
            </dd>
          </div>
        ) : null}
        <div>
          <dt className="sr-only">Joined</dt>
          <dd className="text-slate-500">
            Joined <Time value={profile.joinedAt} />
          </dd>
        </div>
      </dl>
    </Card>
  );
}
