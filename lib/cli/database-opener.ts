// How the command line reaches its database: scripts/cli.ts sets how (the embedded PostgreSQL under
// DATA_DIR unless DATABASE_URL names a server), and a command asks for it only when it needs one, so
// that help, a ratings file's agreement or a demo batch start no PostgreSQL.

let opener: () => Promise<void> = async () => {};

/** Set once, before the command runs: what makes DATABASE_URL usable. */
export function setDatabaseOpener(open: () => Promise<void>): void {
  opener = open;
}

/** Makes DATABASE_URL point at a running database (starting the embedded one if that is the setup). */
export function openDatabase(): Promise<void> {
  return opener();
}
