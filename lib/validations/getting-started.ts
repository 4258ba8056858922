import { z } from "zod";

// "Dismiss" takes no input: it acts on the signed-in user's own checklist.
export const dismissGettingStartedSchema = z.object({});
