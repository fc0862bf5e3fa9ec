-- Up Migration
-- The claim first looks for a lease the annotator still holds (workbench_claim: released NULL, not
-- expired). On (account, project, expiry) that range held every lease they took within the lease's
-- minutes, released or not (a released lease keeps its expiry), and each was read from the table
-- to see that it was released: with no think time, hundreds per claim. Here only the unreleased
-- ones are indexed: the leases held now, and the few that expired unreleased.
CREATE INDEX "Lease_open_idx" ON "Lease" ("accountId", "projectId", "expiresAt") WHERE "releasedAt" IS NULL;

-- Down Migration
DROP INDEX "Lease_open_idx";
