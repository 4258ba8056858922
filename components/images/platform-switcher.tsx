import { PillLink } from "@/components/ui/pill-link";
import type { PlatformChoice } from "@/lib/data/image-details";
import { formatBytes } from "@/lib/format";

/** The platforms of a multi-platform index as links (`?platform=<digest>`), so the choice lives in the URL. */
export function PlatformSwitcher({
  platforms,
  selected,
  hrefFor,
}: {
  platforms: PlatformChoice[];
  selected: string;
  hrefFor: (digest: string) => string;
}) {
  return (
    <nav aria-label="Platform" className="flex flex-wrap gap-2" data-testid="platform-switcher">
      {platforms.map((p) => (
        <PillLink
          key={p.digest}
          href={hrefFor(p.digest)}
          active={p.digest === selected}
          aria-current={p.digest === selected ? "page" : undefined}
          data-testid="platform-option"
          className="font-mono text-xs"
        >
          {p.label}
          {p.size !== null ? <span className="ml-2 opacity-75">{formatBytes(p.size)}</span> : null}
        </PillLink>
      ))}
    </nav>
  );
}
