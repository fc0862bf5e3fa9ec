import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/auth/guard";

// Anything else under /api/v1: a JSON 404 in the API's error shape, not the app's HTML page.
const notFound = async (req: Request) => errorResponse(new AppError("not_found", `There is no ${req.method} ${new URL(req.url).pathname}; see /api/v1/openapi.json.`));

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
