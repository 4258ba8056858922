// GET /api/repositories/{namespace}/{name}/deletion-impact?tags=a,b — the delete dialogs' read of
// what a deletion would free, with the session cookie (the same answer as the JSON API's
// /api/v1/repositories/{namespace}/{name}/storage/deletion, which takes tokens).
import { deletionImpactFor } from "@/lib/authz/storage";
import { getCurrentUser } from "@/lib/auth/session";
import { errorBody, errorResponse } from "@/lib/http/errors";
import { deletionImpactQuery } from "@/lib/validations/api/storage";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

export async function GET(
  req: Request,
  { params }: { params: Promise<{ namespace: string; name: string }> },
): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return Response.json(errorBody("UNAUTHORIZED", "Sign in first."), { status: 401, headers: NO_STORE });
  const query = deletionImpactQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success)
    return Response.json(errorBody("VALIDATION_FAILED", query.error.issues[0]?.message ?? "Bad query"), {
      status: 400,
      headers: NO_STORE,
    });
  try {
    const impact = await deletionImpactFor(
      { kind: "user", userId: user.id, isAdmin: user.isAdmin },
      await params,
      query.data.tags,
    );
    return Response.json(impact, { headers: NO_STORE });
  } catch (err) {
    return errorResponse(err, "deletion impact");
  }
}
