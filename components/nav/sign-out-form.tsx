import { signOutAction } from "@/lib/actions/auth";
import { Button } from "@/components/ui/button";

/** The one "Sign out" button (e2e/support/factory.ts finds it by this exact name). */
export function SignOutForm() {
  return (
    <form action={signOutAction}>
      <Button type="submit" variant="secondary" className="w-full">
        Sign out
      </Button>
    </form>
  );
}
