/**
 * Namespaces nobody may register: they collide with routes, the registry API or official images,
 * or would let someone impersonate the operators.
 */
export const RESERVED_NAMESPACES = new Set([
  "library", "admin", "administrator", "root", "api", "v1", "v2", "settings", "account", "accounts", "login", "logout",
  "signin", "signout", "signup", "register", "explore", "search", "repositories", "repository", "orgs", "organizations",
  "organization", "teams", "team", "users", "user", "help", "support", "docs", "status", "health", "about", "security",
  "static", "public", "assets", "registry", "console", "system", "official", "docker", "dockyard", "staff", "billing",
  "notifications", "webhooks", "tokens", "new", "null", "undefined", "anonymous", "everyone", "owners", "starred",
]);
