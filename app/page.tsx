import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { Card } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { StatusBadge } from "@/components/health/status-badge";
import { getCurrentUser } from "@/lib/auth/session";
import { getHealth } from "@/lib/data/health";
import { getEnv } from "@/lib/env";

export default async function HomePage({ searchParams }: { searchParams: Promise<{ deactivated?: string }> }) {
  await connection();
  // Signed in, home is your repositories (as on Docker Hub); this page is for visitors.
  if (await getCurrentUser()) redirect("/repositories");
  const deactivated = (await searchParams).deactivated === "1";
  const health = await getHealth();
  const host = health.registry.host;
  // A registry served over plain HTTP (the local default) needs skopeo's TLS check turned off.
  const tlsFlag = getEnv().REGISTRY_URL.startsWith("http:") ? " --dest-tls-verify=false" : "";
  return (
    <div className="space-y-10">
      {deactivated ? (
        <Card role="status" className="px-5 py-4 text-sm text-slate-700">
          Your account has been deactivated and you have been signed out everywhere.
        </Card>
      ) : null}
      <Card className="px-8 py-10">
        <div className="flex items-center gap-3">
          <Link href="/health" aria-label="System status">
            <StatusBadge status={health.status} />
          </Link>
          <span className="font-mono text-sm text-slate-500">{host}</span>
        </div>
        <h1 className="mt-4 max-w-2xl text-3xl font-semibold tracking-tight">
          Your container registry, with a control plane that tells you what is in it.
        </h1>
        <p className="mt-3 max-w-2xl text-slate-600">
          Push and pull with docker, skopeo or any OCI client. Dockyard decides who may pull, push and delete, indexes
          every tag the registry stores, and shows sizes, platforms, layers and pulls.
        </p>
      </Card>

      <section className="grid gap-6 md:grid-cols-2">
        <Card className="space-y-3">
          <h2 className="font-semibold">Push your first image</h2>
          <p className="text-sm text-slate-600">
            Log in with your account (or a personal access token), tag an image with a repository in your namespace, and
            push.
          </p>
          <CopyField command value={`docker login ${host}`} />
          <CopyField command value={`docker tag my-app ${host}/<namespace>/my-app:1.0`} />
          <CopyField command value={`docker push ${host}/<namespace>/my-app:1.0`} />
        </Card>
        <Card className="space-y-3">
          <h2 className="font-semibold">No Docker engine? Use skopeo</h2>
          <p className="text-sm text-slate-600">
            skopeo copies images between layouts and registries without a daemon.
          </p>
          <CopyField
            command
            value={`skopeo copy${tlsFlag} --dest-creds <user>:<token> oci:./image:latest docker://${host}/<namespace>/my-app:1.0`}
          />
          <CopyField
            command
            value={`skopeo inspect${tlsFlag.replace("dest-", "")} docker://${host}/<namespace>/my-app:1.0`}
          />
        </Card>
      </section>
    </div>
  );
}
