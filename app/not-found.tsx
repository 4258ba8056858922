import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export default function NotFound() {
  return (
    <Card className="mx-auto max-w-xl text-center">
      <p className="text-sm font-medium text-brand-600">404</p>
      <h1 className="mt-1 text-xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">There is nothing here, or you do not have access to it.</p>
      <ButtonLink href="/" className="mt-6">
        Go home
      </ButtonLink>
    </Card>
  );
}
