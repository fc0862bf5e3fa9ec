import path from "node:path";
import { z } from "zod";
import { describeIssues } from "./errors";

/**
 * The environment, validated once. Every variable has a default so that `npm start` needs no
 * configuration; production deployments override them.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** a PostgreSQL URL; unset, `npm start` and `npm run cli` run an embedded PostgreSQL under DATA_DIR and set it (scripts/database-env.ts) */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL is a PostgreSQL URL such as postgres://user:password@host:5432/db")
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** signs session tokens; unset, a random one is generated into DATA_DIR/auth-secret (lib/auth/session-secret.ts) */
  NEXTAUTH_SECRET: z.string().optional(),
  /** what the app keeps on disk: the embedded database, the session secret, uploads, exports (default ./data) */
  DATA_DIR: z.string().optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  DEMO_SEED: z.string().default("humanllm-demo"),
  DEMO_USERS: z.coerce.number().int().min(1).max(100_000).default(60),
  /** requests a minute per API token */
  API_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  /** the largest batch the pipeline API takes in one upload (bytes) */
  API_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(8 * 2 ** 30),
  /**
   * internal hosts (names or addresses, comma-separated) that webhooks may be sent to although they
   * are not public; every other target must resolve to public addresses only
   */
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((h) =>
          h
            .trim()
            .toLowerCase()
            .replace(/^\[|\]$/g, ""),
        )
        .filter(Boolean),
    ),
  /** "1" lets webhook URLs use plain http (development only: deliveries are otherwise https) */
  WEBHOOK_ALLOW_HTTP: z
    .enum(["0", "1", "true", "false", ""])
    .default("")
    .transform((v) => v === "1" || v === "true"),
  /** seals webhook signing secrets in the database; unset, a key derived from the session secret (lib/server/webhooks/secret-box.ts) */
  WORKBENCH_SECRET_KEY: z.string().min(32, "WORKBENCH_SECRET_KEY is at least 32 characters (for example: openssl rand -base64 48)").optional(),
  /**
   * addresses (or CIDR ranges, comma-separated) of the reverse proxies in front of the app whose
   * X-Forwarded-For is believed; unset, a client is known by its connection's address only
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((h) => h.trim())
        .filter(Boolean),
    ),
  /** how long a running job's worker may be silent before another worker takes the job over (seconds) */
  JOB_STALL_SECONDS: z.coerce.number().int().min(2).default(60),
  /** the job worker's CPU priority (nice, 0-19): background work yields the cores to the servers that answer people */
  JOB_NICE: z.coerce.number().int().min(0, "JOB_NICE is a nice value from 0 to 19").max(19, "JOB_NICE is a nice value from 0 to 19").default(10),
});

export type Env = z.infer<typeof schema>;

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid environment:\n  ${describeIssues(parsed.error.issues, { separator: "\n  " })}`);
  }
  return parsed.data;
}

export const env = load();

/** The folder for what the app keeps on disk: DATA_DIR (default ./data). */
export function dataDir(): string {
  return path.resolve(env.DATA_DIR ?? "data");
}

/** DATABASE_URL, or an error that says how the workbench gets one. */
export function databaseUrl(): string {
  // as validated at start-up, or set since (a benchmark that starts its own database)
  const url = env.DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url)
    throw new Error("DATABASE_URL is not set: start the workbench with `npm start` (or the CLI with `npm run cli`), which run an embedded PostgreSQL, or set DATABASE_URL to a PostgreSQL server.");
  return url;
}
