import { z } from "zod";

/** Settings → Security: which docker login to end (a refresh token's id). */
export const revokeDockerLoginSchema = z.object({ loginId: z.uuid({ error: "Unknown docker login" }) });

/** Settings → Security: which web session to end. */
export const revokeSessionSchema = z.object({ sessionId: z.uuid({ error: "Unknown session" }) });

/** "Sign out everywhere" takes no input: the confirmation step is the second button. */
export const signOutEverywhereSchema = z.object({});
