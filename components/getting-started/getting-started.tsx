import type { ReactNode } from "react";
import { dismissGettingStartedAction } from "@/lib/actions/getting-started";
import { SimpleForm } from "@/components/forms/simple-form";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { getGettingStartedFacts } from "@/lib/data/getting-started";
import { getEnv } from "@/lib/env";

type Step = { key: string; title: string; done: boolean; hint: string; todo: ReactNode };

/**
 * The first-run checklist at the top of the repositories page: token, docker login, push, team.
 * Each step is ticked from what happened (lib/data/getting-started.ts), with the real registry
 * host and the user's own namespace in every command. It goes away when every step is done or
 * when the user dismisses it.
 */
export async function GettingStarted({ userId }: { userId: string }) {
  const facts = await getGettingStartedFacts(userId);
  if (!facts || facts.dismissed) return null;
  const host = getEnv().REGISTRY_PUBLIC_HOST;
  const image = `${host}/${facts.namespace}/my-app:1.0`;
  const steps: Step[] = [
    {
      key: "token",
      title: "Create an access token",
      done: facts.hasToken,
      hint: "Use it instead of your password with docker and the API.",
      todo: (
        <ButtonLink href="/settings/tokens" variant="secondary">
          Create a token
        </ButtonLink>
      ),
    },
    {
      key: "login",
      title: "Log in with docker",
      done: facts.hasDockerLogin,
      hint: "Paste the token when docker asks for the password.",
      todo: <CopyField command value={`docker login -u ${facts.namespace} ${host}`} />,
    },
    {
      key: "push",
      title: "Push an image",
      done: facts.hasPushed,
      hint: `The first push to ${facts.namespace}/<name> creates the repository.`,
      todo: (
        <div className="space-y-2">
          <CopyField command value={`docker tag my-app ${image}`} />
          <CopyField command value={`docker push ${image}`} />
        </div>
      ),
    },
    {
      key: "team",
      title: "Invite your team",
      done: facts.inOrganization,
      hint: "An organization shares repositories with teams, each with its own permissions.",
      todo: (
        <ButtonLink href="/orgs/new" variant="secondary">
          Create an organization
        </ButtonLink>
      ),
    },
  ];
  const done = steps.filter((s) => s.done).length;
  if (done === steps.length) return null;
  return (
    <Card aria-labelledby="getting-started-title" data-testid="getting-started" className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="getting-started-title" className="text-base font-semibold">
            Get started with Dockyard
          </h2>
          <p className="mt-0.5 text-sm text-slate-600" data-testid="getting-started-progress">
            {done} of {steps.length} done
          </p>
        </div>
        <SimpleForm
          action={dismissGettingStartedAction}
          submit="Dismiss"
          pending="Dismissing…"
          variant="secondary"
          inline
        />
      </div>
      <div className="h-1.5 overflow-hidden rounded-full bg-slate-100" aria-hidden>
        <div className="h-full rounded-full bg-brand-600" style={{ width: `${(done / steps.length) * 100}%` }} />
      </div>
      <ol className="divide-y divide-slate-100">
        {steps.map((s, i) => (
          <li
            key={s.key}
            data-testid="getting-started-step"
            data-step={s.key}
            data-done={s.done ? "true" : "false"}
            className="flex gap-3 py-3 first:pt-0 last:pb-0"
          >
            <StepMark done={s.done} n={i + 1} />
            <div className="min-w-0 flex-1 space-y-2">
              <p className={s.done ? "text-slate-500 line-through" : "font-medium text-ink"}>
                {s.title}
                {s.done ? <span className="sr-only"> (done)</span> : null}
              </p>
              {s.done ? null : (
                <>
                  <p className="text-sm text-slate-600">{s.hint}</p>
                  {s.todo}
                </>
              )}
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}

function StepMark({ done, n }: { done: boolean; n: number }) {
  if (done)
    return (
      <span
        aria-hidden
        className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-emerald-600 text-white"
      >
        <svg viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
          <path
            fillRule="evenodd"
            d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z"
            clipRule="evenodd"
          />
        </svg>
      </span>
    );
  return (
    <span
      aria-hidden
      className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full border border-slate-300 text-xs font-semibold text-slate-600"
    >
      {n}
    </span>
  );
}
