-- CreateTable
CREATE TABLE "Account" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLoginAt" DATETIME
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiToken_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Project" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "overlap" INTEGER NOT NULL DEFAULT 2,
    "leaseMinutes" INTEGER NOT NULL DEFAULT 15,
    "goldRate" REAL NOT NULL DEFAULT 0.05,
    "blindMode" BOOLEAN NOT NULL DEFAULT false,
    "labelMode" TEXT NOT NULL DEFAULT 'three_class',
    "queueOrder" TEXT NOT NULL DEFAULT 'oldest_first',
    "triageAuditRate" REAL NOT NULL DEFAULT 0.05,
    "currentRuleSetId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ProjectMember" (
    "projectId" INTEGER NOT NULL,
    "accountId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("projectId", "accountId"),
    CONSTRAINT "ProjectMember_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProjectMember_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "bytes" INTEGER NOT NULL DEFAULT 0,
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
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "ImportBatch_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ImportBatch_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SourceUser" (
    "projectId" INTEGER NOT NULL,
    "uid" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "metaJson" TEXT NOT NULL DEFAULT '{}',
    "batchId" INTEGER,
    "line" INTEGER,

    PRIMARY KEY ("projectId", "uid"),
    CONSTRAINT "SourceUser_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "Post" (
    "projectId" INTEGER NOT NULL,
    "id" TEXT NOT NULL,
    "uid" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" DATETIME,
    "title" TEXT,
    "text" TEXT NOT NULL,
    "rewrite" TEXT,
    "tagsJson" TEXT NOT NULL DEFAULT '{}',
    "quality" TEXT,
    "harmless" BOOLEAN,
    "metaJson" TEXT NOT NULL DEFAULT '{}',
    "batchId" INTEGER,
    "line" INTEGER,

    PRIMARY KEY ("projectId", "id"),
    CONSTRAINT "Post_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Post_projectId_uid_fkey" FOREIGN KEY ("projectId", "uid") REFERENCES "SourceUser" ("projectId", "uid") ON DELETE RESTRICT ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "Artifact" (
    "projectId" INTEGER NOT NULL,
    "id" TEXT NOT NULL,
    "uid" TEXT NOT NULL,
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
    "status" TEXT NOT NULL DEFAULT 'pending',
    "finalDecision" TEXT,
    "finalContentJson" TEXT,
    "finalizedAt" DATETIME,
    "verdictCount" INTEGER NOT NULL DEFAULT 0,
    "disagreement" REAL NOT NULL DEFAULT 0,
    "isGold" BOOLEAN NOT NULL DEFAULT false,
    "goldDecision" TEXT,
    "flagsJson" TEXT NOT NULL DEFAULT '[]',
    "batchId" INTEGER,
    "line" INTEGER,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("projectId", "id"),
    CONSTRAINT "Artifact_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Artifact_projectId_uid_fkey" FOREIGN KEY ("projectId", "uid") REFERENCES "SourceUser" ("projectId", "uid") ON DELETE RESTRICT ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "Lease" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "artifactId" TEXT NOT NULL,
    "accountId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "releasedAt" DATETIME,
    "outcome" TEXT,
    CONSTRAINT "Lease_projectId_artifactId_fkey" FOREIGN KEY ("projectId", "artifactId") REFERENCES "Artifact" ("projectId", "id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Lease_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VerdictEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "projectId" INTEGER NOT NULL,
    "artifactId" TEXT NOT NULL,
    "accountId" INTEGER NOT NULL,
    "decision" TEXT NOT NULL,
    "reasonsJson" TEXT NOT NULL DEFAULT '[]',
    "contentJson" TEXT,
    "diffJson" TEXT,
    "comment" TEXT,
    "durationMs" INTEGER,
    "supersedesId" INTEGER,
    "source" TEXT NOT NULL DEFAULT 'review',
    "batchId" INTEGER,
    "line" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "VerdictEvent_projectId_artifactId_fkey" FOREIGN KEY ("projectId", "artifactId") REFERENCES "Artifact" ("projectId", "id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "VerdictEvent_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "VerdictEvent_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "VerdictEvent" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Adjudication" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "artifactId" TEXT NOT NULL,
    "leadId" INTEGER NOT NULL,
    "decision" TEXT NOT NULL,
    "reasonsJson" TEXT NOT NULL DEFAULT '[]',
    "contentJson" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Adjudication_projectId_artifactId_fkey" FOREIGN KEY ("projectId", "artifactId") REFERENCES "Artifact" ("projectId", "id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Adjudication_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Account" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RuleSet" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "rulesJson" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "basedOn" INTEGER,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RuleSet_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RuleSet_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PromptTemplate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "task" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "template" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PromptTemplate_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SplitVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "seed" TEXT NOT NULL,
    "ratiosJson" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "manifestJson" TEXT,
    "verdictCursor" INTEGER NOT NULL DEFAULT 0,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "frozenAt" DATETIME,
    CONSTRAINT "SplitVersion_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SplitVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
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

    PRIMARY KEY ("splitVersionId", "artifactId"),
    CONSTRAINT "SplitMember_splitVersionId_fkey" FOREIGN KEY ("splitVersionId") REFERENCES "SplitVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "ExportRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "splitVersionId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "progress" REAL NOT NULL DEFAULT 0,
    "filesJson" TEXT NOT NULL DEFAULT '[]',
    "error" TEXT,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "ExportRun_splitVersionId_fkey" FOREIGN KEY ("splitVersionId") REFERENCES "SplitVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "actorId" INTEGER,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "projectId" INTEGER,
    "beforeJson" TEXT,
    "afterJson" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Account_email_key" ON "Account"("email");

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
CREATE INDEX "Artifact_projectId_status_importedAt_idx" ON "Artifact"("projectId", "status", "importedAt");

-- CreateIndex
CREATE INDEX "Lease_projectId_artifactId_expiresAt_idx" ON "Lease"("projectId", "artifactId", "expiresAt");

-- CreateIndex
CREATE INDEX "Lease_accountId_projectId_expiresAt_idx" ON "Lease"("accountId", "projectId", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "VerdictEvent_projectId_artifactId_accountId_createdAt_key" ON "VerdictEvent"("projectId", "artifactId", "accountId", "createdAt");

-- CreateIndex
CREATE INDEX "Adjudication_projectId_artifactId_idx" ON "Adjudication"("projectId", "artifactId");

-- CreateIndex
CREATE UNIQUE INDEX "RuleSet_projectId_version_key" ON "RuleSet"("projectId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "PromptTemplate_projectId_task_version_key" ON "PromptTemplate"("projectId", "task", "version");

-- CreateIndex
CREATE UNIQUE INDEX "SplitVersion_projectId_version_key" ON "SplitVersion"("projectId", "version");

-- CreateIndex
CREATE INDEX "SplitMember_splitVersionId_split_idx" ON "SplitMember"("splitVersionId", "split");

-- CreateIndex
CREATE INDEX "SplitMember_splitVersionId_uid_idx" ON "SplitMember"("splitVersionId", "uid");

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_createdAt_idx" ON "AuditEvent"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_action_createdAt_idx" ON "AuditEvent"("action", "createdAt");

-- Hand edits after `prisma migrate diff`, applied by scripts/new-migration.ts (Prisma cannot express
-- them; its client does not care):
-- tables keyed by the pipeline's composite keys are WITHOUT ROWID (one b-tree instead of two per
-- insert), and the append-only VerdictEvent and AuditEvent drop AUTOINCREMENT: rows are never
-- deleted, so rowids still only grow (the verdict cursor relies on that) without a sqlite_sequence
-- write per insert.

-- Append-only tables: verdicts are revised by superseding events and the audit log is never edited.
CREATE TRIGGER "VerdictEvent_no_update" BEFORE UPDATE ON "VerdictEvent"
BEGIN SELECT RAISE(ABORT, 'VerdictEvent is append-only'); END;
CREATE TRIGGER "VerdictEvent_no_delete" BEFORE DELETE ON "VerdictEvent"
BEGIN SELECT RAISE(ABORT, 'VerdictEvent is append-only'); END;
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
BEGIN SELECT RAISE(ABORT, 'AuditEvent is append-only'); END;
-- A frozen split version never changes: its members can be neither changed nor removed.
CREATE TRIGGER "SplitMember_frozen_update" BEFORE UPDATE ON "SplitMember"
WHEN (SELECT "status" FROM "SplitVersion" WHERE "id" = OLD."splitVersionId") = 'frozen'
BEGIN SELECT RAISE(ABORT, 'SplitMember of a frozen version is immutable'); END;
CREATE TRIGGER "SplitMember_frozen_delete" BEFORE DELETE ON "SplitMember"
WHEN (SELECT "status" FROM "SplitVersion" WHERE "id" = OLD."splitVersionId") = 'frozen'
BEGIN SELECT RAISE(ABORT, 'SplitMember of a frozen version is immutable'); END;
CREATE TRIGGER "SplitMember_frozen_insert" BEFORE INSERT ON "SplitMember"
WHEN (SELECT "status" FROM "SplitVersion" WHERE "id" = NEW."splitVersionId") = 'frozen'
BEGIN SELECT RAISE(ABORT, 'SplitMember of a frozen version is immutable'); END;
CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
BEGIN SELECT RAISE(ABORT, 'AuditEvent is append-only'); END;
