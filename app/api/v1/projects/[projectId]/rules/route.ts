import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { saveRulesForApi } from "@/lib/server/api/pipeline-lead";

/** POST /api/v1/projects/{id}/rules: saves a calibration's proposals as the next rule set version. */
export const POST = guardApi(ENDPOINTS.saveRules, async ({ user, input, project }) => Response.json(await saveRulesForApi(user, input, project.name), { status: 201 }));
