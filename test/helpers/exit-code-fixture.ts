// Loads the embedded PostgreSQL module, then ends with exit code 3: the code must survive (see
// lib/db/embedded-postgres.ts; a dependency's exit hook used to turn every exit code into 0).
import "@/lib/db/embedded-postgres";

process.exitCode = 3;
