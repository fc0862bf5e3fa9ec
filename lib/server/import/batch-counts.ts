import "server-only";
import { col } from "../../db/columns";

/** The columns of an ImportBatch that count what it did, for the row schemas that read them. */
export const batchCountColumns = {
  usersNew: col.int,
  postsNew: col.int,
  artifactsNew: col.int,
  verdictsNew: col.int,
  unchanged: col.int,
  conflicts: col.int,
};
