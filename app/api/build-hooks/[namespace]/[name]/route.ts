// POST /api/build-hooks/:namespace/:name — a Git host's push webhook starts builds (issue 23).
import { clientIp } from "@/lib/http/client-ip";
import { errorResponse } from "@/lib/http/errors";
import { MB, readBody } from "@/lib/http/read-body";
import { triggerBuildsFromHook } from "@/lib/services/build/trigger-from-hook";

export const dynamic = "force-dynamic";

// Outside /api/v1 and its tokens: the repository's build webhook secret is the credential
// (lib/authz/build-hook.ts). A push payload lists at most 20 commits (GitHub, GitLab), tens of KB;
// the raw body is read whole, within this limit, because the signature is over its bytes.
const MAX_BODY_BYTES = 1 * MB;

export async function POST(
  request: Request,
  { params }: { params: Promise<{ namespace: string; name: string }> },
): Promise<Response> {
  try {
    const { namespace, name } = await params;
    const body = await readBody(request, MAX_BODY_BYTES);
    const answer = await triggerBuildsFromHook({
      namespace,
      name,
      headers: request.headers,
      body,
      ip: clientIp(request.headers),
    });
    return Response.json(answer.body, { status: answer.status });
  } catch (err) {
    // 401 UNAUTHORIZED, 409 CONFLICT (builds off), 400 MALFORMED_JSON / VALIDATION_FAILED, 413.
    return errorResponse(err, "build webhook");
  }
}
