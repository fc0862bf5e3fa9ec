// One phase of `npm run bench -- export` in its own process, so its peak RSS is its own.
// Usage: export-worker.ts split|export DATABASE_URL PROJECT_ID [OUT_DIR]
import { createSplitVersion } from "../lib/server/splits/create-split-version";
import { exportSplitVersion } from "../lib/server/splits/export-split-version";
import { openDb } from "../lib/db/client";

const [mode, url, project, out] = process.argv.slice(2);
const db = openDb(url);
const started = performance.now();
let detail: unknown;
if (mode === "split") detail = (await createSplitVersion(Number(project), { ratios: { train: 0.8, validation: 0.1, test: 0.1 }, seed: "bench" }, { actorLabel: "bench" }, { db })).counts;
else detail = (await exportSplitVersion(Number(project), 1, out, { db })).files;
await db.close();
const heapMb = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
process.stdout.write(JSON.stringify({ mode, seconds: (performance.now() - started) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024, heapMb, detail }));
