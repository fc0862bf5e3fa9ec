// npm run bench -- humanllm [--users N] [--post-stages P] [--corpus DIR]
//   Writes a corpus of N users in the HumanLLM pipeline's official layout (test/humanllm/corpus: the
//   four platforms alike; P is the chance that a user has each post-level stage's file), then, each
//   in its own process on a fresh database: `cli import-humanllm DIR` end to end, and `cli import` of
//   the very records it reads from DIR (written beforehand by the same reader). Prints rates and
//   peak RSS. --corpus DIR reads a corpus written before (by an earlier run's generator) instead.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeCorpus } from "../test/humanllm/corpus/write-corpus";
import { machine } from "./load-project";
import { benchServer } from "./postgres";
import { timed, TSX } from "./timed";

export async function benchHumanLlm(users: number, postStages: number, existing?: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-humanllm-"));
  const corpus = existing ?? path.join(dir, "corpus");
  const server = await benchServer();
  try {
    const quarter = Math.ceil(users / 4);
    let last = 0;
    if (!existing)
      writeCorpus(corpus, {
        users: { reddit: quarter, twitter: quarter, blogger: quarter, amazon: users - 3 * quarter },
        seed: "bench",
        postStages,
        // users past the prompts' 80,000 tokens write megabytes each: a few, as in a real corpus
        longUsers: 1 / 2000,
        onUser: (done, total) => {
          if (done - last >= 5000 || done === total) process.stderr.write(`corpus: ${(last = done)} of ${total} users\n`);
        },
      });
    const corpusMb = Math.round(diskKb(corpus) / 1024);

    process.stderr.write("cli import-humanllm...\n");
    const humanllm = timed([...TSX, "scripts/cli.ts", "import-humanllm", corpus, "--project", "bench", "--json"], { DATABASE_URL: await server.database("humanllm") });
    const account = JSON.parse(humanllm.out) as { ok: boolean; read: { users: number; posts: number; artifacts: number }; imported: Record<string, number> };
    if (!account.ok) throw new Error(`import-humanllm failed: ${humanllm.out.slice(0, 2000)}`);
    process.stderr.write(`import-humanllm: ${humanllm.seconds.toFixed(1)} s, peak RSS ${Math.round(humanllm.peakRssMb)} MB, ${JSON.stringify(account.imported)}\n`);

    process.stderr.write("the same records as one batch, through cli import...\n");
    const batch = path.join(dir, "batch.jsonl");
    const { readHumanLlm } = await import("../lib/server/import/humanllm/read-humanllm");
    await readHumanLlm(corpus, batch);
    let lines = 0;
    for await (const chunk of fs.createReadStream(batch)) for (const byte of chunk as Buffer) if (byte === 10) lines++;
    const plain = timed([...TSX, "scripts/cli.ts", "import", batch, "--project", "bench", "--json"], { DATABASE_URL: await server.database("batch") });

    const rate = (seconds: number) => Math.round(lines / seconds);
    console.log(
      JSON.stringify(
        {
          date: new Date().toISOString().slice(0, 10),
          machine: machine(),
          users: account.read.users,
          posts: account.read.posts,
          artifacts: account.read.artifacts,
          lines,
          corpusMb,
          batchMb: Math.round(fs.statSync(batch).size / 1e6),
          importHumanllm: {
            seconds: +humanllm.seconds.toFixed(1),
            linesPerSecond: rate(humanllm.seconds),
            usersPerSecond: Math.round(account.read.users / humanllm.seconds),
            peakRssMb: Math.round(humanllm.peakRssMb),
          },
          cliImportOfTheSameRecords: { seconds: +plain.seconds.toFixed(1), linesPerSecond: rate(plain.seconds), peakRssMb: Math.round(plain.peakRssMb) },
          ratioToCliImport: +(plain.seconds / humanllm.seconds).toFixed(2),
          targets: { peakRssMb: 300 },
        },
        null,
        2,
      ),
    );
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The size of a folder in KiB, as du counts it. */
function diskKb(folder: string): number {
  return Number(execFileSync("du", ["-sk", folder], { encoding: "utf8" }).split("\t")[0]);
}
