-- Up Migration
-- A batch may name a post before its user, or a verdict before its artifact: the importer defers
-- these checks to its commit (SET CONSTRAINTS ALL DEFERRED), and a dangling reference fails the batch.
ALTER TABLE "Post" ALTER CONSTRAINT "Post_projectId_uid_fkey" DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE "Artifact" ALTER CONSTRAINT "Artifact_projectId_uid_fkey" DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE "VerdictEvent" ALTER CONSTRAINT "VerdictEvent_projectId_artifactId_fkey" DEFERRABLE INITIALLY IMMEDIATE;

-- Down Migration
ALTER TABLE "VerdictEvent" ALTER CONSTRAINT "VerdictEvent_projectId_artifactId_fkey" NOT DEFERRABLE;
ALTER TABLE "Artifact" ALTER CONSTRAINT "Artifact_projectId_uid_fkey" NOT DEFERRABLE;
ALTER TABLE "Post" ALTER CONSTRAINT "Post_projectId_uid_fkey" NOT DEFERRABLE;
