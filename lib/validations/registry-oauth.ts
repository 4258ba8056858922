import { z } from "zod";

const common = {
  service: z.string().min(1, "service is required").max(200),
  client_id: z.string().min(1, "client_id is required").max(255),
  scope: z.string().max(8000).optional(),
  access_type: z.enum(["online", "offline"]).optional(),
};

/** The OAuth2 form docker/containerd POST to the token endpoint: password or refresh-token grant. */
export const oauthTokenFormSchema = z.discriminatedUnion(
  "grant_type",
  [
    z.object({
      grant_type: z.literal("password"),
      username: z.string().min(1).max(255),
      password: z.string().min(1).max(1024),
      ...common,
    }),
    z.object({ grant_type: z.literal("refresh_token"), refresh_token: z.string().min(1).max(200), ...common }),
  ],
  { error: 'grant_type must be "password" or "refresh_token"' },
);
