import "server-only";
import type { z } from "zod";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";

/** A project's settings as stored. */
export const ProjectRow = row({
  id: col.int,
  name: col.text,
  description: col.text,
  overlap: col.int,
  leaseMinutes: col.int,
  goldRate: col.num,
  blindMode: col.bool,
  labelMode: col.text,
  calibrationFirst: col.bool,
  archivedAt: col.date.nullable(),
  triageAuditRate: col.num,
  currentRuleSetId: col.int.nullable(),
  createdAt: col.date,
  updatedAt: col.date,
});
export type ProjectRow = z.output<typeof ProjectRow>;

/** the columns of ProjectRow, unqualified (usable in RETURNING) */
export const PROJECT_COLUMNS = sql.raw(
  `"id", "name", "description", "overlap", "leaseMinutes", "goldRate", "blindMode", "labelMode", "calibrationFirst", "archivedAt", "triageAuditRate", "currentRuleSetId", "createdAt", "updatedAt"`,
);
