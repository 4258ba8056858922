import type { Metadata } from "next";
import { Section } from "@/components/ui/card";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { TokenList } from "@/components/tokens/token-list";
import { requireUser } from "@/lib/auth/session";
import { listPersonalAccessTokens } from "@/lib/data/personal-access-tokens";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Personal access tokens" };

export default async function TokensPage() {
  const user = await requireUser("/settings/tokens");
  const tokens = await listPersonalAccessTokens(user.id);
  return (
    <>
      <Section
        title="New access token"
        description="Tokens authenticate docker, skopeo, CI and the API. They never sign in to this website."
      >
        <CreateTokenForm username={user.username} registryHost={getEnv().REGISTRY_PUBLIC_HOST} />
      </Section>
      <Section
        title="Your tokens"
        description={
          user.twoFactorEnabled
            ? "Two-factor authentication is on: the registry accepts only tokens, not your password."
            : undefined
        }
      >
        <TokenList tokens={tokens} />
      </Section>
    </>
  );
}
