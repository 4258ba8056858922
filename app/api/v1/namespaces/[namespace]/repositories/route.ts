// GET|POST /api/v1/namespaces/{namespace}/repositories — list (visible to the token's user) and create.
import { handle } from "@/lib/api/handle";
import { createRepositoryEndpoint, listRepositories } from "@/lib/api/endpoints/repositories";

export const dynamic = "force-dynamic";
export const GET = handle(listRepositories);
export const POST = handle(createRepositoryEndpoint);
