import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { calibrateForApi, calibrationForApi } from "@/lib/server/api/pipeline-lead";

/** GET /api/v1/projects/{id}/calibration: the calibration report as JSON. */
export const GET = guardApi(ENDPOINTS.calibration, async ({ input }) => calibrationForApi(input));

/** POST /api/v1/projects/{id}/calibration: calibrates the judge again, as a job. */
export const POST = guardApi(ENDPOINTS.calibrate, async ({ user, input }) => Response.json(await calibrateForApi(user, input), { status: 202 }));
