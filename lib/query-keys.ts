/**
 * The keys of every client-side query (@tanstack/react-query), in one place so a component that
 * refreshes or seeds a query names the same key as the one that reads it.
 */
export const queryKeys = {
  unreadNotifications: ["notifications", "unread-count"] as const,
  recentNotifications: ["notifications", "recent"] as const,
  health: ["health"] as const,
};
