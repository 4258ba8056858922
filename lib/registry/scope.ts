/**
 * Token scopes as the distribution token spec writes them: `type[(class)]:name:actions`, e.g.
 * `repository:acme/web:pull,push` or `registry:catalog:*`. Names may hold `:` only in theory
 * (host-qualified names never reach us), so the name is everything between the first and last `:`.
 */
export type ResourceScope = { type: string; class?: string; name: string; actions: string[] };

export const REPOSITORY_NAME_PATTERN =
  /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;

export function parseScope(raw: string): ResourceScope | null {
  const first = raw.indexOf(":");
  const last = raw.lastIndexOf(":");
  if (first <= 0 || last === first) return null;
  const typePart = raw.slice(0, first);
  const name = raw.slice(first + 1, last);
  const actions = raw
    .slice(last + 1)
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
  const typeMatch = /^([a-z0-9]+)(?:\(([a-z0-9]+)\))?$/.exec(typePart);
  if (!typeMatch || !name || actions.length === 0) return null;
  const scope: ResourceScope = { type: typeMatch[1]!, name, actions: [...new Set(actions)] };
  if (typeMatch[2]) scope.class = typeMatch[2];
  return scope;
}

/** Several `scope` parameters, each possibly space-separated (the OAuth2 POST form joins them). */
export function parseScopes(values: string[]): ResourceScope[] {
  return values
    .flatMap((v) => v.split(" "))
    .filter(Boolean)
    .map(parseScope)
    .filter((s): s is ResourceScope => s !== null);
}

export function formatScope(s: ResourceScope): string {
  return `${s.type}${s.class ? `(${s.class})` : ""}:${s.name}:${s.actions.join(",")}`;
}
