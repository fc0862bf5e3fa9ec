import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { assignMembersForApi } from "@/lib/server/api/pipeline-lead";

/** POST /api/v1/projects/{id}/members: assigns annotators or leads by email. */
export const POST = guardApi(ENDPOINTS.assignMembers, async ({ user, input }) => assignMembersForApi(user, input));
