// `npm run bench -- agreement-dashboard`'s snapshot, in a process of its own (DATABASE_URL set by the
// bench), so its peak RSS is the snapshot's: requested and computed as a worker would.
// Usage: agreement-worker.ts PROJECT_ID
import { performAgreementSnapshot, requestAgreementSnapshot } from "../lib/server/agreement/agreement-snapshots";

const projectId = Number(process.argv[2]);
const started = performance.now();
const snapshot = await performAgreementSnapshot(await requestAgreementSnapshot(projectId, { actorId: null, actorLabel: "bench" }, { queued: false }), { url: process.env.DATABASE_URL });
const seconds = (performance.now() - started) / 1000;
process.stdout.write(JSON.stringify({ seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, status: snapshot.status, error: snapshot.error }));
process.exit(0);
