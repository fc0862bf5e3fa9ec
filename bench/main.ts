// npm run bench -- import [--records N]
// Generates a demo batch of about N lines, imports it into a fresh database with the real importer
// and with a bare better-sqlite3 loop, each in its own process, and prints rate and peak RSS.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeDemoBatch } from "../lib/cli/commands/demo";

const LINES_PER_USER = 26; // a demo user with verdicts from three annotators averages about 26 lines

async function benchImport(records: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-import-"));
  const file = path.join(dir, "batch.jsonl");
  const users = Math.max(1, Math.round(records / LINES_PER_USER));
  process.stderr.write(`generating ${users} users (~${records} lines)...\n`);
  const lines = await writeDemoBatch({ out: file, users, seed: "bench", annotators: ["bench1@example.org", "bench2@example.org", "bench3@example.org"] });
  const size = fs.statSync(file).size;
  process.stderr.write(`${lines} lines, ${(size / 1e6).toFixed(0)} MB\n`);
  const run = (mode: string) => {
    const url = `file:${path.join(dir, `${mode}.db`)}`;
    const out = execFileSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "bench/import-worker.ts", mode, file, url], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    return JSON.parse(out.trim().split("\n").pop()!) as { lines: number; seconds: number; peakRssMb: number };
  };
  const importer = run("importer");
  const baseline = run("baseline");
  const rate = (r: { lines: number; seconds: number }) => Math.round(r.lines / r.seconds);
  const result = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    lines,
    fileMb: Math.round(size / 1e6),
    importer: { seconds: +importer.seconds.toFixed(1), recordsPerSecond: rate(importer), peakRssMb: Math.round(importer.peakRssMb) },
    baseline: { seconds: +baseline.seconds.toFixed(1), recordsPerSecond: rate(baseline), peakRssMb: Math.round(baseline.peakRssMb) },
    ratioToBaseline: +(rate(importer) / rate(baseline)).toFixed(2),
    targets: { recordsPerSecond: 50_000, ratioToBaseline: 0.5, peakRssMb: 300 },
  };
  console.log(JSON.stringify(result, null, 2));
  fs.rmSync(dir, { recursive: true, force: true });
}

const [what, ...rest] = process.argv.slice(2);
const flag = (name: string) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1] : undefined;
};
if (what === "import") await benchImport(Number(flag("records") ?? 1_000_000));
else {
  console.error("usage: npm run bench -- import [--records N]");
  process.exitCode = 1;
}
