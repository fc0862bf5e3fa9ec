import "server-only";
import { AppError } from "../../errors";

/**
 * The refusal of a project name taken by a project the caller may not see, the same whether they
 * create a project or import into one by name. Names are unique, so any refusal tells that the
 * name is in use; this one tells nothing more (no id, no owner, not even "exists"), and says what
 * to do.
 */
export function projectNameUnavailable(name: string): AppError {
  return new AppError("conflict", `No project of yours is named "${name}", and a new project cannot take that name: choose another name.`);
}
