import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";

export default function BuildNotFound() {
  return (
    <Card className="text-center" data-testid="build-not-found">
      <p className="font-medium">This build does not exist</p>
      <p className="mt-1 text-sm text-slate-600">Its number may be wrong, or the repository was recreated.</p>
      <TextLink href="." className="mt-4 inline-block text-sm">
        Back to builds
      </TextLink>
    </Card>
  );
}
