import "server-only";
import { prisma } from "../db";
import type { AuditInput } from "./audit";

export interface Actor {
  actorId?: number | null;
  actorLabel: string;
}

export const CLI_ACTOR: Actor = { actorId: null, actorLabel: "cli" };
export const SYSTEM_ACTOR: Actor = { actorId: null, actorLabel: "system" };

/** Appends one audit event through Prisma (the raw-connection twin is writeAudit in audit.ts). */
export async function recordAudit(e: AuditInput): Promise<void> {
  await prisma.auditEvent.create({
    data: {
      actorId: e.actorId ?? null,
      actorLabel: e.actorLabel,
      action: e.action,
      entityType: e.entityType,
      entityId: String(e.entityId),
      projectId: e.projectId ?? null,
      beforeJson: e.before === undefined ? null : JSON.stringify(e.before),
      afterJson: e.after === undefined ? null : JSON.stringify(e.after),
    },
  });
}
