-- CreateTable
CREATE TABLE "AgreementSnapshot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" INTEGER NOT NULL,
    "labelMode" TEXT NOT NULL,
    "verdictCursor" INTEGER NOT NULL,
    "adjudicationCursor" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "progress" REAL NOT NULL DEFAULT 0,
    "resultJson" TEXT,
    "error" TEXT,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "AgreementSnapshot_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AgreementSnapshot_projectId_createdAt_idx" ON "AgreementSnapshot"("projectId", "createdAt");
