import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";

export default function WebhookNotFound() {
  return (
    <Card className="text-center">
      <p className="font-medium">This webhook does not exist</p>
      <p className="mt-1 text-sm text-slate-600">It may have been deleted, or the link is wrong.</p>
      <TextLink href="." className="mt-4 inline-block text-sm">
        Back to webhooks
      </TextLink>
    </Card>
  );
}
