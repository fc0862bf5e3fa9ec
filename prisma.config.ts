import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// Prisma 6.19 on its WebAssembly engines: nothing is downloaded at generate or migrate time.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaBetterSQLite3({ url: process.env.DATABASE_URL ?? "file:./data/app.db" }),
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
