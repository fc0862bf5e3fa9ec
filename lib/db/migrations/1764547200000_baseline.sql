-- Up Migration
-- The schema as of the move to PostgreSQL, generated from prisma/schema.prisma with
-- `prisma migrate diff --from-empty --to-schema-datamodel` (see scripts/new-migration.ts).

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Account" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLoginAt" TIMESTAMPTZ(3),

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuthSession" (
    "id" TEXT NOT NULL,
    "accountId" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "AuthSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "firstFailure" TIMESTAMPTZ(3) NOT NULL,
    "lastFailure" TIMESTAMPTZ(3) NOT NULL,
    "lockedUntil" TIMESTAMPTZ(3),

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "rateWindow" INTEGER,
    "rateCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Project" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "overlap" INTEGER NOT NULL DEFAULT 2,
    "leaseMinutes" INTEGER NOT NULL DEFAULT 15,
    "goldRate" DOUBLE PRECISION NOT NULL DEFAULT 0.05,
    "blindMode" BOOLEAN NOT NULL DEFAULT false,
    "labelMode" TEXT NOT NULL DEFAULT 'three_class',
    "queueOrder" TEXT NOT NULL DEFAULT 'oldest_first',
    "triageAuditRate" DOUBLE PRECISION NOT NULL DEFAULT 0.05,
    "currentRuleSetId" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectMember" (
    "projectId" INTEGER NOT NULL,
    "accountId" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProjectMember_pkey" PRIMARY KEY ("projectId","accountId")
);

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "lines" INTEGER NOT NULL DEFAULT 0,
    "usersNew" INTEGER NOT NULL DEFAULT 0,
    "postsNew" INTEGER NOT NULL DEFAULT 0,
    "artifactsNew" INTEGER NOT NULL DEFAULT 0,
    "verdictsNew" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "conflicts" INTEGER NOT NULL DEFAULT 0,
    "errorCount" INTEGER NOT NULL DEFAULT 0,
    "issuesJson" TEXT NOT NULL DEFAULT '[]',
    "createdById" INTEGER,
    "actorLabel" TEXT NOT NULL DEFAULT '',
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ImportBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceUser" (
    "projectId" INTEGER NOT NULL,
    "uid" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "metaJson" TEXT NOT NULL DEFAULT '{}',
    "batchId" INTEGER,
    "line" INTEGER,

    CONSTRAINT "SourceUser_pkey" PRIMARY KEY ("projectId","uid")
);

-- CreateTable
CREATE TABLE "Post" (
    "projectId" INTEGER NOT NULL,
    "id" TEXT NOT NULL,
    "uid" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3),
    "title" TEXT,
    "text" TEXT NOT NULL,
    "rewrite" TEXT,
    "tagsJson" TEXT NOT NULL DEFAULT '{}',
    "quality" TEXT,
    "harmless" BOOLEAN,
    "metaJson" TEXT NOT NULL DEFAULT '{}',
    "batchId" INTEGER,
    "line" INTEGER,

    CONSTRAINT "Post_pkey" PRIMARY KEY ("projectId","id")
);

-- CreateTable
CREATE TABLE "Artifact" (
    "projectId" INTEGER NOT NULL,
    "id" TEXT NOT NULL,
    "uid" TEXT NOT NULL,
    "platform" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "flavor" TEXT,
    "contentJson" TEXT NOT NULL,
    "sourcePostIdsJson" TEXT NOT NULL DEFAULT '[]',
    "generatorModel" TEXT,
    "generatorPrompt" TEXT,
    "judgeModel" TEXT,
    "judgeScoresJson" TEXT,
    "judgeExplanation" TEXT,
    "judgeOverall" INTEGER,
    "judgeMin" INTEGER,
    "scoresPacked" BIGINT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "finalDecision" TEXT,
    "finalContentJson" TEXT,
    "finalizedAt" TIMESTAMPTZ(3),
    "decidedBy" TEXT,
    "triageRoute" TEXT,
    "triageAudit" BOOLEAN NOT NULL DEFAULT false,
    "triageVersion" INTEGER,
    "queueRank" INTEGER NOT NULL DEFAULT 0,
    "verdictCount" INTEGER NOT NULL DEFAULT 0,
    "disagreement" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "isGold" BOOLEAN NOT NULL DEFAULT false,
    "goldDecision" TEXT,
    "flags" INTEGER,
    "reasonFlags" INTEGER NOT NULL DEFAULT 0,
    "overrideFlags" INTEGER NOT NULL DEFAULT 0,
    "batchId" INTEGER,
    "line" INTEGER,
    "importedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Artifact_pkey" PRIMARY KEY ("projectId","id")
);

-- CreateTable
CREATE TABLE "Lease" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "artifactId" TEXT NOT NULL,
    "accountId" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "releasedAt" TIMESTAMPTZ(3),
    "outcome" TEXT,

    CONSTRAINT "Lease_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerdictEvent" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "artifactId" TEXT NOT NULL,
    "accountId" INTEGER NOT NULL,
    "decision" TEXT NOT NULL,
    "reasonsJson" TEXT NOT NULL DEFAULT '[]',
    "contentJson" TEXT,
    "diffJson" TEXT,
    "comment" TEXT,
    "durationMs" INTEGER,
    "overrideFlags" INTEGER NOT NULL DEFAULT 0,
    "supersedesId" INTEGER,
    "source" TEXT NOT NULL DEFAULT 'review',
    "batchId" INTEGER,
    "line" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VerdictEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Adjudication" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "artifactId" TEXT NOT NULL,
    "leadId" INTEGER NOT NULL,
    "decision" TEXT NOT NULL,
    "reasonsJson" TEXT NOT NULL DEFAULT '[]',
    "contentJson" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Adjudication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RuleSet" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "rulesJson" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "basedOn" INTEGER,
    "createdById" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RuleSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TriageRun" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "resultJson" TEXT,
    "error" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "TriageRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementSnapshot" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "labelMode" TEXT NOT NULL,
    "verdictCursor" INTEGER NOT NULL,
    "adjudicationCursor" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "resultJson" TEXT,
    "error" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "AgreementSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromptTemplate" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "task" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "template" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PromptTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SplitVersion" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "seed" TEXT NOT NULL,
    "ratiosJson" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "manifestJson" TEXT,
    "verdictCursor" INTEGER NOT NULL DEFAULT 0,
    "templatesJson" TEXT,
    "ruleSetVersion" INTEGER NOT NULL DEFAULT 1,
    "createdById" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "frozenAt" TIMESTAMPTZ(3),

    CONSTRAINT "SplitVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SplitMember" (
    "splitVersionId" INTEGER NOT NULL,
    "artifactId" TEXT NOT NULL,
    "uid" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "split" TEXT NOT NULL,
    "contentJson" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "postIdsJson" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "SplitMember_pkey" PRIMARY KEY ("splitVersionId","artifactId")
);

-- CreateTable
CREATE TABLE "ExportRun" (
    "id" SERIAL NOT NULL,
    "splitVersionId" INTEGER NOT NULL,
    "action" TEXT NOT NULL DEFAULT 'export',
    "status" TEXT NOT NULL,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "filesJson" TEXT NOT NULL DEFAULT '[]',
    "error" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ExportRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "actorId" INTEGER,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "projectId" INTEGER,
    "beforeJson" TEXT,
    "afterJson" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Account_email_key" ON "Account"("email");

-- CreateIndex
CREATE INDEX "AuthSession_accountId_idx" ON "AuthSession"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_accountId_idx" ON "ApiToken"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "Project_name_key" ON "Project"("name");

-- CreateIndex
CREATE INDEX "ProjectMember_accountId_idx" ON "ProjectMember"("accountId");

-- CreateIndex
CREATE INDEX "ImportBatch_projectId_startedAt_idx" ON "ImportBatch"("projectId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ImportBatch_projectId_idempotencyKey_key" ON "ImportBatch"("projectId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "Post_projectId_uid_createdAt_idx" ON "Post"("projectId", "uid", "createdAt");

-- CreateIndex
CREATE INDEX "Artifact_projectId_status_queueRank_importedAt_idx" ON "Artifact"("projectId", "status", "queueRank", "importedAt");

-- CreateIndex
CREATE INDEX "Artifact_items_idx" ON "Artifact"("projectId", "status", "kind", "platform", "flavor", "judgeOverall", "judgeMin", "flags", "reasonFlags", "isGold", "verdictCount", "disagreement", "finalizedAt", "decidedBy", "scoresPacked", "overrideFlags");

-- CreateIndex
CREATE INDEX "Artifact_projectId_judgeMin_idx" ON "Artifact"("projectId", "judgeMin");

-- CreateIndex
CREATE INDEX "Artifact_projectId_judgeOverall_idx" ON "Artifact"("projectId", "judgeOverall");

-- CreateIndex
CREATE INDEX "Lease_projectId_artifactId_expiresAt_idx" ON "Lease"("projectId", "artifactId", "expiresAt");

-- CreateIndex
CREATE INDEX "Lease_accountId_projectId_expiresAt_idx" ON "Lease"("accountId", "projectId", "expiresAt");

-- CreateIndex
CREATE INDEX "VerdictEvent_projectId_accountId_artifactId_idx" ON "VerdictEvent"("projectId", "accountId", "artifactId");

-- CreateIndex
CREATE UNIQUE INDEX "VerdictEvent_projectId_artifactId_accountId_createdAt_key" ON "VerdictEvent"("projectId", "artifactId", "accountId", "createdAt");

-- CreateIndex
CREATE INDEX "Adjudication_projectId_artifactId_idx" ON "Adjudication"("projectId", "artifactId");

-- CreateIndex
CREATE UNIQUE INDEX "RuleSet_projectId_version_key" ON "RuleSet"("projectId", "version");

-- CreateIndex
CREATE INDEX "TriageRun_projectId_createdAt_idx" ON "TriageRun"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "AgreementSnapshot_projectId_createdAt_idx" ON "AgreementSnapshot"("projectId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PromptTemplate_projectId_task_version_key" ON "PromptTemplate"("projectId", "task", "version");

-- CreateIndex
CREATE UNIQUE INDEX "SplitVersion_projectId_version_key" ON "SplitVersion"("projectId", "version");

-- CreateIndex
CREATE INDEX "SplitMember_splitVersionId_split_idx" ON "SplitMember"("splitVersionId", "split");

-- CreateIndex
CREATE INDEX "SplitMember_splitVersionId_uid_idx" ON "SplitMember"("splitVersionId", "uid");

-- CreateIndex
CREATE INDEX "ExportRun_splitVersionId_createdAt_idx" ON "ExportRun"("splitVersionId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_createdAt_idx" ON "AuditEvent"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_action_createdAt_idx" ON "AuditEvent"("action", "createdAt");

-- AddForeignKey
ALTER TABLE "AuthSession" ADD CONSTRAINT "AuthSession_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectMember" ADD CONSTRAINT "ProjectMember_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectMember" ADD CONSTRAINT "ProjectMember_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceUser" ADD CONSTRAINT "SourceUser_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_projectId_uid_fkey" FOREIGN KEY ("projectId", "uid") REFERENCES "SourceUser"("projectId", "uid") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Artifact" ADD CONSTRAINT "Artifact_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Artifact" ADD CONSTRAINT "Artifact_projectId_uid_fkey" FOREIGN KEY ("projectId", "uid") REFERENCES "SourceUser"("projectId", "uid") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lease" ADD CONSTRAINT "Lease_projectId_artifactId_fkey" FOREIGN KEY ("projectId", "artifactId") REFERENCES "Artifact"("projectId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lease" ADD CONSTRAINT "Lease_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerdictEvent" ADD CONSTRAINT "VerdictEvent_projectId_artifactId_fkey" FOREIGN KEY ("projectId", "artifactId") REFERENCES "Artifact"("projectId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerdictEvent" ADD CONSTRAINT "VerdictEvent_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerdictEvent" ADD CONSTRAINT "VerdictEvent_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "VerdictEvent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adjudication" ADD CONSTRAINT "Adjudication_projectId_artifactId_fkey" FOREIGN KEY ("projectId", "artifactId") REFERENCES "Artifact"("projectId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adjudication" ADD CONSTRAINT "Adjudication_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RuleSet" ADD CONSTRAINT "RuleSet_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RuleSet" ADD CONSTRAINT "RuleSet_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TriageRun" ADD CONSTRAINT "TriageRun_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementSnapshot" ADD CONSTRAINT "AgreementSnapshot_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromptTemplate" ADD CONSTRAINT "PromptTemplate_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SplitVersion" ADD CONSTRAINT "SplitVersion_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SplitVersion" ADD CONSTRAINT "SplitVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SplitMember" ADD CONSTRAINT "SplitMember_splitVersionId_fkey" FOREIGN KEY ("splitVersionId") REFERENCES "SplitVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExportRun" ADD CONSTRAINT "ExportRun_splitVersionId_fkey" FOREIGN KEY ("splitVersionId") REFERENCES "SplitVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

