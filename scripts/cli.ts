// npm run cli -- ...: the command line, on the database `npm start` uses (see scripts/database-env.ts).
import { useDatabase } from "./database-env";

const database = await useDatabase();
try {
  await import("../lib/cli/main"); // runs the command given on the command line
} finally {
  await database.stop?.();
}
