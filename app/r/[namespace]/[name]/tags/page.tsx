import { notFound } from "next/navigation";
import { CommandLine } from "@/components/command-line";
import { TagTable } from "@/components/repositories/tag-table";
import { Section } from "@/components/settings/section";
import { roleAtLeast } from "@/lib/authz/repository-permissions";
import { actorOf } from "@/lib/auth/actor";
import { getCurrentUser } from "@/lib/auth/session";
import { viewRepository } from "@/lib/authz/repository-viewer";
import { listTagsFromRegistry } from "@/lib/data/registry-tags";
import { getEnv } from "@/lib/env";
import { RegistryUnavailableError } from "@/lib/errors";

export default async function RepositoryTagsPage({ params }: { params: Promise<{ namespace: string; name: string }> }) {
  const { namespace, name } = await params;
  const view = await viewRepository(actorOf(await getCurrentUser()), namespace, decodeURIComponent(name));
  if (!view) notFound();
  const path = `${view.repo.namespace}/${view.repo.name}`;
  let tags: Awaited<ReturnType<typeof listTagsFromRegistry>> | null = null;
  try {
    tags = await listTagsFromRegistry(path);
  } catch (err) {
    if (!(err instanceof RegistryUnavailableError)) throw err;
  }
  if (!tags) {
    return (
      <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
        The registry is not reachable right now, so the tags cannot be listed. Try again in a moment.
      </p>
    );
  }
  if (tags.length === 0) {
    return (
      <Section title="No tags yet">
        <p className="mb-3 text-sm text-slate-600">Push an image to this repository:</p>
        <CommandLine command={`docker push ${getEnv().REGISTRY_PUBLIC_HOST}/${path}:latest`} />
      </Section>
    );
  }
  return <TagTable namespace={view.repo.namespace} name={view.repo.name} host={getEnv().REGISTRY_PUBLIC_HOST} tags={tags} canDelete={roleAtLeast(view.role, "admin")} />;
}
