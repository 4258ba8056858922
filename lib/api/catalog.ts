import "server-only";
import type { AnyEndpoint } from "./endpoint";
import { repositoryEndpoints } from "./endpoints/repositories";

/** Every operation of /api/v1, in the order the OpenAPI document lists them. */
export const API_ENDPOINTS: AnyEndpoint[] = [...repositoryEndpoints];
