// npm run cli -- ...: the command line, on the database `npm start` uses (see scripts/database-env.ts),
// opened only when the command needs one (lib/cli/database-opener.ts).
import { setDatabaseOpener } from "../lib/cli/database-opener";
import { useDatabase, type DatabaseEnv } from "./database-env";

// an empty DATABASE_URL means none (the embedded cluster), as for npm start
if (!process.env.DATABASE_URL) delete process.env.DATABASE_URL;
const opened: { database: DatabaseEnv | null } = { database: null };
setDatabaseOpener(async () => {
  opened.database ??= await useDatabase();
});
try {
  await import("../lib/cli/main"); // runs the command given on the command line
} finally {
  await opened.database?.stop?.();
}
