// ANY /api/* that no route serves — a JSON 404 (API clients never get the HTML not-found page).
import { errorBody } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

function notFound(): Response {
  return Response.json(errorBody("NOT_FOUND", "No such API endpoint. The reference is at /api-docs."), { status: 404 });
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const HEAD = notFound;
export const OPTIONS = notFound;
