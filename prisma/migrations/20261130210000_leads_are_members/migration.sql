-- Leads now manage only the projects they are members of (admins every project). So that nobody
-- loses a project with this change, every lead becomes a member of every project that exists now;
-- leads and admins then prune the membership on each project's settings page.
INSERT OR IGNORE INTO "ProjectMember" ("projectId", "accountId", "createdAt")
SELECT p."id", a."id", strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now') FROM "Project" p CROSS JOIN "Account" a WHERE a."role" = 'lead';
