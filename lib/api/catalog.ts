import "server-only";
import type { AnyEndpoint } from "./endpoint";
import { repositoryEndpoints } from "./endpoints/repositories";
import { storageEndpoints } from "./endpoints/storage";
import { immutableTagRuleEndpoints } from "./endpoints/immutable-tag-rules";
import { retentionEndpoints } from "./endpoints/retention";
import { invitationEndpoints } from "./endpoints/invitations";
import { organizationEndpoints } from "./endpoints/organizations";
import { teamEndpoints } from "./endpoints/teams";
import { auditLogEndpoints } from "./endpoints/audit-log";
import { tokenEndpoints } from "./endpoints/tokens";
import { userEndpoints } from "./endpoints/user";
import { webhookDeliveryEndpoints } from "./endpoints/webhook-deliveries";
import { webhookEndpoints } from "./endpoints/webhooks";
import { buildEndpoints } from "./endpoints/builds";
import { buildRecordEndpoints } from "./endpoints/build-records";
import { garbageCollectionEndpoints } from "./endpoints/garbage-collection";

/** Every operation of /api/v1, in the order the OpenAPI document lists them. */
export const API_ENDPOINTS: AnyEndpoint[] = [
  ...repositoryEndpoints,
  ...storageEndpoints,
  ...immutableTagRuleEndpoints,
  ...retentionEndpoints,
  ...organizationEndpoints,
  ...invitationEndpoints,
  ...teamEndpoints,
  ...userEndpoints,
  ...tokenEndpoints,
  ...webhookEndpoints,
  ...webhookDeliveryEndpoints,
  ...buildEndpoints,
  ...buildRecordEndpoints,
  ...auditLogEndpoints,
  ...garbageCollectionEndpoints,
];
