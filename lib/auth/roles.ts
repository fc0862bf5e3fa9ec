/**
 * Roles and what they may do. Permissions are data: one typed table, one pure `can()`.
 */
export const ROLES = ["annotator", "lead", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "project:read", // see the projects one is a member of
  "project:all", // see and work in every project, member or not (admins)
  "review:work", // claim artifacts and give verdicts
  "project:manage", // create projects, change settings, assign annotators, mark gold
  "import:run", // import batches
  "adjudicate",
  "rules:manage", // calibrate and save rule sets
  "split:manage", // make, freeze and export splits
  "stats:read", // agreement and annotator quality
  "audit:read",
  "accounts:manage",
  "tokens:own", // create and revoke one's own API tokens
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ANNOTATOR: Permission[] = ["project:read", "review:work", "tokens:own"];
const LEAD: Permission[] = [...ANNOTATOR, "project:manage", "import:run", "adjudicate", "rules:manage", "split:manage", "stats:read"];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  annotator: ANNOTATOR,
  lead: LEAD,
  admin: PERMISSIONS,
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
