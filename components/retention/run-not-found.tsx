import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";

/** A run that does not exist (or belongs to another namespace). */
export function RunNotFound() {
  return (
    <Card className="text-center">
      <p className="font-medium">This retention run does not exist</p>
      <p className="mt-1 text-sm text-slate-600">The link may be wrong, or its namespace was deleted.</p>
      <TextLink href=".." className="mt-4 inline-block text-sm">
        Back to tag retention
      </TextLink>
    </Card>
  );
}
