// Where a machine's CPU went between two moments, by kind of process: what each group ran and how
// long its threads waited on the run queue for a core (Linux's /proc/PID/task/TID/schedstat: time on
// a CPU, time runnable but waiting, in ns). A busy bench's tail is either work or a wait for a core;
// this says whose. PostgreSQL backends are told apart by what pg_stat_activity says of them.
import fs from "node:fs";

/** pid -> group for PostgreSQL backends: application_name for client backends (the app, background work), else the backend type. */
export type BackendGroups = Map<number, string>;

function readThreads(pid: number): { cpuNs: number; waitNs: number } | null {
  let cpuNs = 0;
  let waitNs = 0;
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const [cpu, wait] = fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ").map(Number);
      cpuNs += cpu;
      waitNs += wait;
    }
  } catch {
    return null; // it exited meanwhile
  }
  return { cpuNs, waitNs };
}

const commandOf = (pid: number): string | null => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return null;
  }
};

/** Whether a PostgreSQL process belongs to the cluster listening on `port`: it is its postmaster, or the postmaster's child. */
function ofCluster(pid: number, cmd: string, port: number): boolean {
  const listens = (c: string | null) => c !== null && new RegExp(`(^|/)postgres .*-p ${port}( |$)`).test(c);
  if (listens(cmd)) return true;
  try {
    const ppid = Number(fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[1]);
    return listens(commandOf(ppid));
  } catch {
    return false;
  }
}

function groupOf(pid: number, backends: BackendGroups, postgresPort?: number): string {
  const backend = backends.get(pid);
  if (backend) return `postgres: ${backend}`;
  const cmd = commandOf(pid);
  if (cmd === null) return "gone";
  if (postgresPort !== undefined && /postgres/.test(cmd.split(" ")[0])) return ofCluster(pid, cmd, postgresPort) ? "postgres: other" : "postgres: another cluster";
  if (cmd.startsWith("postgres")) return "postgres: other";
  const named: [RegExp, string][] = [
    [/scripts\/serve\.ts/, "app servers"],
    [/scripts\/worker\.ts/, "workers"],
    [/scripts\/start\.ts/, "npm start's supervisors"],
    [/scripts\/cli\.ts/, "cli"],
    [/bench\/loop-probe\.ts/, "idle probe"],
    [/bench\/review-worker\.ts/, "review workers"],
    [/bench\/bare-review-worker\.ts/, "bare review workers"],
    [/bench\/main\.ts/, "the bench (annotators, lead, probes)"],
  ];
  return named.find(([re]) => re.test(cmd))?.[1] ?? "other";
}

/**
 * Where the CPU went over a stretch of time, sampled as it goes (call `sample` every second or so):
 * a process that exits meanwhile (an import) keeps what it ran up to its last sample, and one born
 * meanwhile counts from zero.
 */
export class CpuAccount {
  private readonly first = new Map<number, { cpuNs: number; waitNs: number }>();
  private readonly last = new Map<number, { group: string; cpuNs: number; waitNs: number }>();
  private readonly started = performance.now();
  private sampled = false;

  /** `postgresPort`: PostgreSQL's processes count as "postgres: other" only if of the cluster on that port (other clusters apart). */
  constructor(private readonly postgresPort?: number) {}

  sample(backends: BackendGroups): void {
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const pid = Number(entry);
      const t = readThreads(pid);
      if (!t) continue;
      if (!this.sampled) this.first.set(pid, t);
      const known = this.last.get(pid);
      // a group learned once (a backend's application_name) is kept
      const group = known && known.group !== "postgres: other" ? known.group : groupOf(pid, backends, this.postgresPort);
      this.last.set(pid, { group, ...t });
    }
    this.sampled = true;
  }

  /** Per group: CPU seconds, run-queue wait seconds, and both per second of wall time. */
  report(): Record<string, { cpuS: number; waitS: number; cpuPerS: number; waitMsPerS: number }> {
    const wall = (performance.now() - this.started) / 1000;
    const groups: Record<string, { cpuNs: number; waitNs: number }> = {};
    for (const [pid, t] of this.last) {
      const before = this.first.get(pid) ?? { cpuNs: 0, waitNs: 0 };
      const g = (groups[t.group] ??= { cpuNs: 0, waitNs: 0 });
      g.cpuNs += t.cpuNs - before.cpuNs;
      g.waitNs += t.waitNs - before.waitNs;
    }
    return Object.fromEntries(
      Object.entries(groups)
        .filter(([, g]) => g.cpuNs > 1e7)
        .sort((a, b) => b[1].cpuNs - a[1].cpuNs)
        .map(([name, g]) => [
          name,
          { cpuS: +(g.cpuNs / 1e9).toFixed(1), waitS: +(g.waitNs / 1e9).toFixed(1), cpuPerS: +(g.cpuNs / 1e9 / wall).toFixed(2), waitMsPerS: +(g.waitNs / 1e6 / wall).toFixed(1) },
        ]),
    );
  }
}

/**
 * Where the CPU went while `work` ran, from when `from` resolves (the processes' start-up aside),
 * sampled every second. The processes of the cluster on `postgresPort` all count as
 * "postgres: other" (backends, autovacuum, the WAL writer): a stretch of a bench that runs one kind
 * of client makes them that client's.
 */
export async function accountWhile<T>(work: Promise<T>, from: Promise<unknown>, postgresPort?: number): Promise<{ result: T; cpu: ReturnType<CpuAccount["report"]> }> {
  const none: BackendGroups = new Map();
  const settled = work.then(
    () => undefined,
    () => undefined,
  );
  let done = false;
  const sampling = (async (): Promise<CpuAccount | null> => {
    await Promise.race([from, settled]);
    let account: CpuAccount | null = null;
    while (!done) {
      (account ??= new CpuAccount(postgresPort)).sample(none);
      await Promise.race([new Promise((r) => setTimeout(r, 1000)), settled]);
    }
    return account;
  })();
  let result: T;
  try {
    result = await work;
  } finally {
    done = true;
  }
  const account = await sampling;
  if (!account) throw new Error("the work ended before its CPU was first sampled");
  account.sample(none);
  return { result, cpu: account.report() };
}
