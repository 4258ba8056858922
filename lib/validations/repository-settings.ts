import { z } from "zod";
import { repositoryDescriptionSchema, visibilitySchema } from "./repository";

const path = { namespace: z.string().min(1).max(30), name: z.string().min(1).max(200) };

export const repositoryDetailsSchema = z.object({ ...path, description: repositoryDescriptionSchema, overview: z.string().max(25_000, "Must be at most 25,000 characters") });
export const repositoryVisibilitySchema = z.object({ ...path, visibility: visibilitySchema, confirm: z.literal("on", { error: "Confirm the change first" }) });
export const deleteRepositorySchema = z.object({ ...path, confirmation: z.string().trim().min(1, "Type the repository's name to confirm").max(250, "Too long") });
export const starSchema = z.object({ ...path, starred: z.enum(["true", "false"]) });
