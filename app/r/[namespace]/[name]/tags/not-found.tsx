import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export default function TagNotFound() {
  return (
    <Card className="text-center">
      <p className="text-sm font-medium text-link">404</p>
      <h2 className="mt-1 text-xl font-semibold">No such tag</h2>
      <p className="mt-2 text-sm text-slate-600">This tag does not exist in this repository, or it was deleted.</p>
      <ButtonLink href="." className="mt-6">
        All tags
      </ButtonLink>
    </Card>
  );
}
