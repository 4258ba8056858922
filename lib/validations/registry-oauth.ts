import { z } from "zod";

/** The OAuth2 password grant body docker/containerd POST to the token endpoint. */
export const oauthTokenFormSchema = z.object({
  grant_type: z.literal("password", { error: 'grant_type must be "password"' }),
  service: z.string().min(1).max(200),
  client_id: z.string().min(1).max(255),
  username: z.string().min(1).max(255),
  password: z.string().min(1).max(1024),
  scope: z.string().max(8000).optional(),
  access_type: z.enum(["online", "offline"]).optional(),
});
