// GET /r/<namespace>/<name>/builds/<number>/log — a build's log for the signed-in repository admin:
// with `Accept: text/event-stream` the live log (lib/builds/log-stream.ts), else the whole log as
// text (`?download=1` as a file). The session cookie authenticates (SameSite=Lax, no CORS): the
// page's EventSource and "Raw log" link send it; the JSON API has its own log endpoint for tokens.
import { actorOf } from "@/lib/auth/actor";
import { getCurrentUser } from "@/lib/auth/session";
import { requireBuildAdmin } from "@/lib/authz/require-build-admin";
import { buildLogEvents, buildLogText } from "@/lib/builds/log-stream";
import { getBuild } from "@/lib/data/builds";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

type Params = { namespace: string; name: string; number: string };

export async function GET(request: Request, { params }: { params: Promise<Params> }): Promise<Response> {
  try {
    const p = await params;
    const user = await getCurrentUser();
    if (!user) throw new UnauthorizedError("Sign in to read build logs.");
    const path = { namespace: p.namespace, name: decodeURIComponent(p.name) };
    // A member below admin learns no more than someone who cannot see the repository.
    const grant = await requireBuildAdmin(actorOf(user), path).catch((err: unknown) => {
      throw err instanceof ForbiddenError ? new NotFoundError("No such build.") : err;
    });
    const build = /^[1-9][0-9]{0,8}$/.test(p.number) ? await getBuild(grant.repositoryId, Number(p.number)) : null;
    if (!build) throw new NotFoundError("No such build.");

    if ((request.headers.get("accept") ?? "").includes("text/event-stream")) {
      const url = new URL(request.url);
      const resume = request.headers.get("last-event-id") ?? url.searchParams.get("after") ?? "0";
      const after = /^[0-9]{1,9}$/.test(resume) ? Number(resume) : 0;
      return new Response(buildLogEvents(build.id, after, request.signal), {
        headers: {
          "Content-Type": "text/event-stream; charset=utf-8",
          // no-transform also keeps the server's compression from buffering the stream.
          "Cache-Control": "no-cache, no-transform",
          "X-Accel-Buffering": "no",
        },
      });
    }
    const download = new URL(request.url).searchParams.has("download");
    const file = `${grant.path.replace("/", "-")}-build-${build.number}.log`;
    return new Response(buildLogText(build.id), {
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        ...(download ? { "Content-Disposition": `attachment; filename="${file}"` } : {}),
      },
    });
  } catch (err) {
    return errorResponse(err, "build log");
  }
}
