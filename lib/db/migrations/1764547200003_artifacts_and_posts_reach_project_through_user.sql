-- Up Migration
-- Posts and artifacts reach their project through their user ("SourceUser" references "Project"),
-- so their own references to "Project" checked the same thing a second time for every row: an
-- import of 300k lines spent about 1.3 s in those triggers. Deleting a project still removes its
-- posts and artifacts, now through their users.
ALTER TABLE "Post" DROP CONSTRAINT "Post_projectId_fkey";
ALTER TABLE "Artifact" DROP CONSTRAINT "Artifact_projectId_fkey";
ALTER TABLE "Post" DROP CONSTRAINT "Post_projectId_uid_fkey",
  ADD CONSTRAINT "Post_projectId_uid_fkey" FOREIGN KEY ("projectId", "uid") REFERENCES "SourceUser"("projectId", "uid")
    ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE "Artifact" DROP CONSTRAINT "Artifact_projectId_uid_fkey",
  ADD CONSTRAINT "Artifact_projectId_uid_fkey" FOREIGN KEY ("projectId", "uid") REFERENCES "SourceUser"("projectId", "uid")
    ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY IMMEDIATE;

-- Down Migration
ALTER TABLE "Artifact" DROP CONSTRAINT "Artifact_projectId_uid_fkey",
  ADD CONSTRAINT "Artifact_projectId_uid_fkey" FOREIGN KEY ("projectId", "uid") REFERENCES "SourceUser"("projectId", "uid")
    ON DELETE RESTRICT ON UPDATE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE "Post" DROP CONSTRAINT "Post_projectId_uid_fkey",
  ADD CONSTRAINT "Post_projectId_uid_fkey" FOREIGN KEY ("projectId", "uid") REFERENCES "SourceUser"("projectId", "uid")
    ON DELETE RESTRICT ON UPDATE CASCADE DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE "Artifact" ADD CONSTRAINT "Artifact_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Post" ADD CONSTRAINT "Post_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
