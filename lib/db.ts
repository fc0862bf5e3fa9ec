import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { env } from "./env";
import { PrismaClient } from "./generated/prisma/client";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function create(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: env.DATABASE_URL, timeout: 10_000 }, { timestampFormat: "iso8601" }) });
}

/** The one Prisma client (cached on globalThis in development so hot reloads do not leak connections). */
export const prisma: PrismaClient = globalForPrisma.prisma ?? create();
if (env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;
