// npm run bench -- busy [--artifacts N] [--annotators A] [--minutes M] [--import-lines L] [--server URL] [--think-ms MIN,MAX] [--phases P,P]
//   The soak bench's team without faults (bench/team.ts), to see what a lead's pages and a big
//   import cost the people reviewing: two `npm start` instances on one database of N artifacts
//   (default 1M), A annotators (default 50) reviewing at a human pace (3-20 s an artifact) spread
//   over both (--think-ms 0,0: no think time), a visitor loading /login every second, and an idle Node process measuring its own
//   event loop (the machine's own share of any delay). Four phases of at least M minutes (default
//   3) each: quiet; the lead alone (dashboard, items search for a common word, adjudication list
//   and calibration, back to back); a `cli import` of L lines (default 1M) into a second project
//   alone (the phase lasts until it finishes); both. With --server, the instances use a new
//   database on that PostgreSQL server (its admin URL) instead of the embedded one. --phases runs
//   only the phases named (for example "quiet,import alone").
import { spawn } from "node:child_process";
import path from "node:path";
import { writeDemoBatch } from "../lib/cli/commands/demo";
import { col, row } from "../lib/db/columns";
import { sql } from "../lib/db/sql";
import { CpuAccount, type BackendGroups } from "./cpu-accounting";
import { annotate, lead, loginProbe, machine, sleep, startTeam, stat, TSX, type Sample, type Stat } from "./team";

export interface BusyOptions {
  artifacts: number;
  annotators: number;
  minutes: number;
  importLines: number;
  serverUrl?: string;
  thinkMs?: [number, number];
  /** the phases to run, by name (all four unless given) */
  phases?: string[];
  log?: (line: string) => void;
}

interface PhaseReport {
  phase: string;
  seconds: number;
  claim: Stat;
  verdict: Stat;
  login: Stat;
  leadPages: Record<string, Stat>;
  errors: Record<string, number>;
  idleProbe: { p50: number; p99: number; max: number };
  /** what the server's active client backends were waiting on, sampled every 250 ms (pg_stat_activity): "CPU" when on no wait */
  waits: Record<string, number>;
  /** where the machine's CPU went, by kind of process: CPU and run-queue wait (bench/cpu-accounting.ts) */
  cpu: ReturnType<CpuAccount["report"]>;
  import: { lines: number; seconds: number; ok: boolean } | null;
}

const PHASES = [
  { phase: "quiet", lead: false, import: false },
  { phase: "lead alone", lead: true, import: false },
  { phase: "import alone", lead: false, import: true },
  { phase: "lead and import", lead: true, import: true },
];

export async function runBusy(opts: BusyOptions) {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const [thinkMin, thinkMax] = opts.thinkMs ?? [3000, 20_000];
  const team = await startTeam({ artifacts: opts.artifacts, annotators: opts.annotators, serverUrl: opts.serverUrl, log });
  try {
    const samples: Sample[] = [];
    let stopped = false;
    const running = () => !stopped;
    const think = () => thinkMin + Math.random() * (thinkMax - thinkMin);
    const people = Promise.all([...Array.from({ length: opts.annotators }, (_, i) => annotate(team, i, { think, running, samples })), loginProbe(team, { everyMs: 1000, running, samples })]);
    // the annotators settle in (signed in, first claims made, statements planned) before the phases
    // are measured; what their first requests took is reported apart
    await sleep(thinkMax + 10_000);
    const settling = {
      claim: stat(samples.filter((s) => s.kind === "claim" && s.status === 200).map((s) => s.ms)),
      verdict: stat(samples.filter((s) => s.kind === "verdict" && s.status === 200).map((s) => s.ms)),
    };
    samples.splice(0, samples.length);
    const pages = [
      ["dashboard", `/projects/${team.projectId}/dashboard`],
      ["items search", `/projects/${team.projectId}/items?q=coffee`],
      ["adjudication list", `/adjudicate/${team.projectId}`],
      ["calibration", `/projects/${team.projectId}/calibration`],
    ];
    const reports: PhaseReport[] = [];
    const phases = PHASES.filter((p) => !opts.phases || opts.phases.includes(p.phase));
    if (opts.phases && phases.length !== opts.phases.length) throw new Error(`--phases takes ${PHASES.map((p) => `"${p.phase}"`).join(", ")}`);
    for (const [n, p] of phases.entries()) {
      log(`busy: phase "${p.phase}"...`);
      const from = Date.now();
      const probe = idleProbe(opts.minutes * 60 + (p.import ? 900 : 0));
      let phaseOver = false;
      const leadSamples: Sample[] = [];
      const leading = p.lead ? lead(team, { pages: pages.map(([, url]) => url), pauseMs: 0, running: () => !phaseOver, samples: leadSamples }) : null;
      const waits = samplePhase(team, () => !phaseOver);
      const imported = p.import ? importInto(team.databaseUrl, team.dirA, `busy-import-${n}`, opts.importLines) : null;
      await sleep(opts.minutes * 60_000);
      const importResult = imported ? await imported : null;
      phaseOver = true;
      await leading;
      const idle = await probe.stop();
      const { waits: waited, cpu } = await waits;
      const inPhase = samples.filter((s) => s.at >= from);
      const ok = (k: Sample["kind"]) => inPhase.filter((s) => s.kind === k && s.status === 200).map((s) => s.ms);
      const errors: Record<string, number> = {};
      for (const s of [...inPhase, ...leadSamples]) if (s.status !== 200) errors[`${s.kind} ${s.status}`] = (errors[`${s.kind} ${s.status}`] ?? 0) + 1;
      reports.push({
        phase: p.phase,
        seconds: Math.round((Date.now() - from) / 1000),
        claim: stat(ok("claim")),
        verdict: stat(ok("verdict")),
        login: stat(ok("login")),
        leadPages: p.lead ? Object.fromEntries(pages.map(([name, url]) => [name, stat(leadSamples.filter((s) => s.page === url && s.status === 200).map((s) => s.ms))])) : {},
        errors,
        idleProbe: idle,
        waits: waited,
        cpu,
        import: importResult,
      });
      log(`busy: ${JSON.stringify(reports.at(-1))}`);
      samples.splice(0, samples.length);
    }
    stopped = true;
    await people;
    return { date: new Date().toISOString().slice(0, 10), machine: machine(), options: { ...opts, log: undefined, thinkMs: [thinkMin, thinkMax] }, loaded: team.loaded, settling, phases: reports };
  } finally {
    await team.stop();
  }
}

/**
 * Every 250 ms while `going()`: the wait events of the database's active client backends, counted;
 * every second, the CPU and run-queue wait of every process on the machine, by kind (the backends
 * named by their application_name or type).
 */
async function samplePhase(team: Awaited<ReturnType<typeof startTeam>>, going: () => boolean): Promise<{ waits: Record<string, number>; cpu: ReturnType<CpuAccount["report"]> }> {
  const counts: Record<string, number> = {};
  const account = new CpuAccount();
  const backends: BackendGroups = new Map();
  for (let n = 0; going(); n++) {
    const rows = await team.db
      .many(
        row({ pid: col.int, client: col.bool, group: col.text, state: col.text.nullable(), wait: col.text, self: col.bool }),
        sql`SELECT "pid", "backend_type" = 'client backend' AS "client", CASE WHEN "backend_type" = 'client backend' THEN COALESCE(NULLIF("application_name", ''), 'client') ELSE "backend_type" END AS "group",
                   "state", COALESCE("wait_event_type" || ':' || "wait_event", 'CPU') AS "wait", "pid" = pg_backend_pid() AS "self"
            FROM pg_stat_activity`,
      )
      .catch(() => []);
    for (const r of rows) {
      backends.set(r.pid, r.self ? "the bench's sampler" : r.group);
      if (r.client && r.state === "active" && !r.self) counts[r.wait] = (counts[r.wait] ?? 0) + 1;
    }
    if (n % 4 === 0) account.sample(backends);
    await sleep(250);
  }
  account.sample(backends);
  return { waits: Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1])), cpu: account.report() };
}

/** `cli import` of a demo batch of about `lines` lines into a new project, timed. */
async function importInto(databaseUrl: string, dir: string, project: string, lines: number) {
  const file = path.join(dir, `${project}.jsonl`);
  const written = await writeDemoBatch({ out: file, users: Math.max(1, Math.round(lines / 15)), seed: project });
  const t = performance.now();
  const code = await new Promise<number | null>((resolve) =>
    spawn(TSX[0], [...TSX.slice(1), "scripts/cli.ts", "import", file, "--project", project, "--json"], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: "ignore" }).on("exit", resolve),
  );
  return { lines: written, seconds: +((performance.now() - t) / 1000).toFixed(1), ok: code === 0 };
}

/** An idle Node process measuring its own event loop (bench/loop-probe.ts) for at most `seconds`; stop() ends it early and reads it. */
function idleProbe(seconds: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/loop-probe.ts", String(seconds)]);
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  const done = new Promise<{ p50: number; p99: number; max: number }>((resolve) =>
    child.on("exit", () => {
      const r = JSON.parse(out || '{"p50":0,"p99":0,"max":0}') as { p50: number; p99: number; max: number };
      resolve({ p50: +r.p50.toFixed(1), p99: +r.p99.toFixed(1), max: +r.max.toFixed(1) });
    }),
  );
  return { stop: () => (child.kill("SIGINT"), done) };
}
