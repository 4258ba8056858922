// GET|POST /api/auth/* — Auth.js (session cookie, CSRF token, sign-out).
import { handlers } from "@/lib/auth";

export const { GET, POST } = handlers;
