import { z } from "zod";
import { TOKEN_SCOPES } from "@/lib/validations/personal-access-token";
import { isoDate } from "./repositories";

/** The account a token belongs to, and the token itself (GET /user: "who am I, and what may I do"). */
export const userResource = z.object({
  username: z.string(),
  email: z.string(),
  display_name: z.string().nullable(),
  two_factor_enabled: z.boolean(),
  token: z.object({
    scope: z.enum(TOKEN_SCOPES).describe("What the token the request came with may do"),
    expires_at: isoDate.nullable(),
  }),
});
