import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** The 404 of /u/<username>: unknown and deactivated accounts look the same. */
export function ProfileNotFound() {
  return (
    <Card className="mx-auto max-w-xl text-center">
      <p className="text-sm font-medium text-link">404</p>
      <h1 className="mt-1 text-xl font-semibold">No such user</h1>
      <p className="mt-2 text-sm text-slate-600">This account does not exist or is no longer active.</p>
      <ButtonLink href="/" className="mt-6">
        Go home
      </ButtonLink>
    </Card>
  );
}
