import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { NamespaceQuotaForm } from "@/components/admin/namespace-quota-form";
import { QuotaMeter } from "@/components/storage/quota-meter";
import { StorageFigure } from "@/components/storage/storage-figure";
import { Section } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { TextLink } from "@/components/ui/text-link";
import { requireUser } from "@/lib/auth/session";
import { isSiteOperator } from "@/lib/authz/rules/site-operator";
import { namespaceStorageFor } from "@/lib/authz/storage";
import { NotFoundError } from "@/lib/errors";

type Props = { params: Promise<{ namespace: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Storage of ${(await params).namespace}` };
}

/** One namespace's storage and its own quota, for site operators (Admin → Storage → Quota). */
export default async function NamespaceStorageAdminPage({ params }: Props) {
  const { namespace: name } = await params;
  const user = await requireUser(`/admin/storage/namespaces/${name}`);
  if (!isSiteOperator(user)) notFound();
  const found = await namespaceStorageFor(user, name).catch((err: unknown) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const { namespace, storage, quota } = found;
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title={`Storage of ${namespace.name}`}
        description={
          <>
            {namespace.kind === "org" ? "Organization" : "User"} ·{" "}
            <TextLink href="/admin/storage">All namespaces</TextLink>
          </>
        }
      />
      <Section title="Usage">
        <StorageFigure storage={storage} scope="namespace" />
        <QuotaMeter storage={storage} quotaBytes={quota.bytes} source={quota.source} />
      </Section>
      <Section
        title="Storage quota"
        description={`What ${namespace.name} may store: distinct bytes across its repositories. Applies to the next push, on every console.`}
      >
        <NamespaceQuotaForm
          namespace={namespace.name}
          override={quota.override}
          siteDefault={quota.siteDefault}
          usedBytes={storage.uniqueBytes}
        />
      </Section>
    </div>
  );
}
