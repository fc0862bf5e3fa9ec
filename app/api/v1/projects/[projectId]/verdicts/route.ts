import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { verdictFeed } from "@/lib/server/api/verdict-feed";

/** GET /api/v1/projects/{id}/verdicts?since=CURSOR&limit=N: verdict events in order, with the cursor of the next page. */
export const GET = guardApi(ENDPOINTS.verdicts, async ({ input }) => verdictFeed(input));
