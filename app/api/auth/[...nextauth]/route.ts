// GET|POST /api/auth/* — Auth.js (session cookie, CSRF token, sign-out).
import { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { errorResponse } from "@/lib/http/errors";
import { KB, readBody } from "@/lib/http/read-body";

export const { GET } = handlers;

// Auth.js reads the whole form (`request.text()`) of anyone who posts here. Its forms hold a CSRF
// token, a sign-in ticket and a callback URL: well under a kilobyte.
const MAX_FORM_BYTES = 64 * KB;

export async function POST(request: NextRequest): Promise<Response> {
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = await readBody(request, MAX_FORM_BYTES);
  } catch (err) {
    return errorResponse(err, "auth endpoint");
  }
  // The same request with the bytes already read (a stream can be read once).
  return handlers.POST(new NextRequest(request.url, { method: request.method, headers: request.headers, body }));
}
