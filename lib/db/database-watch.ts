import pg from "pg";

// Whether the database answers, known at once rather than learned by a request that hangs or fails:
// one connection held open (a server that is killed, stopped or restarted drops it, and the watch
// knows within milliseconds), a ping every few seconds (a server out of reach drops nothing), and a
// new attempt every `retryMs` while it is away. Not "server-only": scripts/serve.ts, which runs
// outside the react-server condition, uses it to answer 503 while the database is away.

export interface DatabaseWatch {
  /** false from the moment the connection broke until a new one answers */
  available(): boolean;
  stop(): Promise<void>;
}

export interface WatchOptions {
  retryMs?: number;
  pingMs?: number;
  /** told each change: up, or down with the reason */
  onChange?: (up: boolean, reason?: string) => void;
}

export function watchDatabase(url: string, opts: WatchOptions = {}): DatabaseWatch {
  const retryMs = opts.retryMs ?? 1000;
  const pingMs = opts.pingMs ?? 3000;
  let up = true;
  let stopped = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;

  const set = (now: boolean, reason?: string) => {
    if (now === up) return;
    up = now;
    opts.onChange?.(now, reason);
  };
  const later = (fn: () => void, ms: number) => {
    if (stopped) return;
    timer = setTimeout(fn, ms);
    timer.unref();
  };
  const lost = (c: pg.Client, reason: string) => {
    if (client !== c) return; // told already
    client = null;
    c.end().catch(() => undefined);
    set(false, reason);
    later(connect, retryMs);
  };
  const ping = (c: pg.Client) => {
    if (client !== c) return;
    c.query("SELECT 1").then(
      () => later(() => ping(c), pingMs),
      (e: Error) => lost(c, e.message),
    );
  };
  const connect = () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000, query_timeout: 3000, application_name: "workbench-watch" });
    c.on("error", (e) => lost(c, e.message));
    c.on("end", () => lost(c, "the connection was closed"));
    client = c;
    c.connect().then(
      () => {
        if (client !== c) return;
        set(true);
        later(() => ping(c), pingMs);
      },
      (e: Error) => lost(c, e.message),
    );
  };
  connect();
  return {
    available: () => up,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
