import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { adjudicateForApi } from "@/lib/server/api/pipeline-lead";

/** POST /api/v1/projects/{id}/artifacts/{artifactId}/adjudication: a lead's final decision on a disputed artifact. */
export const POST = guardApi(ENDPOINTS.adjudicate, async ({ user, input }) => Response.json(await adjudicateForApi(user, input), { status: 201 }));
