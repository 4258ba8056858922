/**
 * The keys of every client-side query (@tanstack/react-query), in one place so a component that
 * refreshes or seeds a query names the same key as the one that reads it.
 */
export const queryKeys = {
  unreadNotifications: ["notifications", "unread-count"] as const,
  recentNotifications: ["notifications", "recent"] as const,
  health: ["health"] as const,
  /** What deleting these tags (none: the whole repository) would free. */
  deletionImpact: (repository: string, tags: readonly string[] | null) =>
    ["deletion-impact", repository, tags === null ? null : [...tags].sort()] as const,
};
