import { Command } from "commander";
import { lowerToBackgroundPriority } from "../server/background-priority";
import { agreementCommand } from "./commands/agreement";
import { backupCommand, restoreCommand } from "./commands/backup";
import { dbMigrateCommand, dbStatusCommand } from "./commands/db";
import { writeDemoBatch } from "./commands/demo";
import { exportCommand } from "./commands/export";
import { importCommand } from "./commands/import";
import { importHumanLlmCommand } from "./commands/import-humanllm";
import { exportRulesCommand } from "./commands/rules";
import { createTokenCommand, revokeTokenCommand } from "./commands/tokens";
import { addUserCommand } from "./commands/users";
import { registerLeadCommands } from "./lead-commands";
import { list, positiveInt, run } from "./options";

// The command line: `npm run cli -- <command>`. A command that reads the database opens it (the
// embedded PostgreSQL under DATA_DIR unless DATABASE_URL names a server; lib/cli/database-opener.ts)
// and migrates it before it runs; one that needs none (help, agreement FILE, demo) starts none.

// `cli disputes --project X | head`: a reader that stops early is no error
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

const program = new Command("cli").description("HumanLLM Review Workbench command line").showHelpAfterError();
// every command is background work (imports, exports, backups, triage): reviewers on the same
// machine keep the cores first, this process's and its PostgreSQL backends' alike
program.hook("preAction", () => {
  const priority = lowerToBackgroundPriority();
  if (priority) process.stderr.write(`${priority}\n`);
});

program
  .command("import")
  .description("import a JSON Lines batch into a project (created if missing); all or nothing")
  .argument("<file>", "the batch file")
  .requiredOption("--project <name>", "project name")
  .option("--assign <emails>", "make these annotators (comma-separated emails) members of the project first, so their verdicts in the file are accepted")
  .option("--json", "print one JSON summary line")
  .action(
    run((file: string, opts: { project: string; assign?: string; json?: boolean }) => {
      return importCommand(file, {
        ...opts,
        assign: opts.assign
          ?.split(",")
          .map((e) => e.trim())
          .filter(Boolean),
      });
    }),
  );

program
  .command("import-humanllm")
  .description("import what the HumanLLM pipeline wrote (its clean_data, generation and _judger folders per platform) with each record's stage file and line; all or nothing")
  .argument("<dir>", "the pipeline's data directory (~/HumanLLM_data)")
  .requiredOption("--project <name>", "project name (created if missing)")
  .option("--assign <emails>", "make these annotators (comma-separated emails) members of the project first", list)
  .option("--json", "print the whole account (what was read per stage, left alone, skipped, imported, and any problems) as one JSON line")
  .action(run((dir: string, opts: { project: string; assign?: string[]; json?: boolean }) => importHumanLlmCommand(dir, opts)));

program
  .command("demo")
  .description("write a realistic, deterministic demo batch in the import format")
  .requiredOption("--out <file>", "where to write it")
  .option("--users <n>", "source users to invent", positiveInt, 50)
  .option("--seed <seed>", "random seed", "humanllm-demo")
  .option("--annotators <emails>", "comma-separated annotator emails whose verdicts the batch carries (accounts must exist before import)")
  .action(
    run(
      async (opts: { out: string; users: number; seed: string; annotators?: string }) => {
        const lines = await writeDemoBatch({
          ...opts,
          annotators: opts.annotators
            ?.split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        });
        process.stdout.write(`Wrote ${lines} lines to ${opts.out}\n`);
        return 0;
      },
      { database: "none" },
    ),
  );

program
  .command("export")
  .description("export a split version (train/validation/test chat records, verdict feed, dataset card); refused if the splits leak. A project with no version gets one made with its defaults first")
  .requiredOption("--project <name>", "project name")
  .requiredOption("--out <dir>", "where to write the files")
  .option("--version <v>", "split version (default: the latest)", positiveInt)
  .action(run((opts: { project: string; out: string; version?: number }) => exportCommand(opts)));

program
  .command("agreement")
  .description("agreement statistics of a ratings file: JSON lines {item, annotator, label}, with bootstrap intervals")
  .argument("<file>", "the ratings file")
  .option("--json", "print one JSON object")
  .option("--resamples <n>", "bootstrap resamples", positiveInt, 1000)
  .option("--seed <seed>", "bootstrap seed (the same seed gives the same intervals)", "agreement")
  .action(run((file: string, opts: { json?: boolean; resamples: number; seed: string }) => agreementCommand(file, opts), { database: "none" }));

const rules = program.command("rules").description("QC rule sets");
rules
  .command("export")
  .description("print a project's rule set as JSON (the current one unless --version names another)")
  .requiredOption("--project <name>", "project name")
  .option("--version <v>", "rule set version", positiveInt)
  .action(run((opts: { project: string; version?: number }) => exportRulesCommand(opts)));

registerLeadCommands(program);

const tokens = program.command("tokens").description("personal API tokens for the pipeline");
tokens
  .command("create")
  .description("create an API token acting as an account (prints the secret once)")
  .requiredOption("--email <email>", "the owner's email")
  .requiredOption("--name <name>", "what the token is for")
  .option("--scope <scope>", "read or write", "read")
  .action(run((opts: { email: string; name: string; scope: string }) => createTokenCommand(opts)));
tokens
  .command("revoke")
  .description("revoke an API token")
  .requiredOption("--id <id>", "token id", positiveInt)
  .action(run((opts: { id: number }) => revokeTokenCommand(opts)));

program
  .command("backup")
  .description("write a consistent snapshot of the whole database to FILE (gzip); `restore` brings it back")
  .argument("<file>", "where to write it")
  .action(run((file: string) => backupCommand(file)));
program
  .command("restore")
  .description("bring a backup back into an empty database (the one DATABASE_URL names, or a new embedded one)")
  .argument("<file>", "a file written by `cli backup`")
  .action(run((file: string) => restoreCommand(file)));

const database = program.command("db").description("the database's migrations");
database
  .command("status")
  .description("list the applied migrations and the pending ones (exit code 2 when some are pending)")
  .option("--json", "print one JSON object")
  .action(run((opts: { json?: boolean }) => dbStatusCommand(opts), { database: "open" }));
database
  .command("migrate")
  .description("apply the pending migrations (npm start and every other command do it too)")
  .action(run(() => dbMigrateCommand(), { database: "open" }));

const users = program.command("users").description("manage accounts");
users
  .command("add")
  .description("create an account (prints a generated password unless --password is given)")
  .requiredOption("--email <email>")
  .requiredOption("--role <role>", "annotator, lead or admin")
  .option("--password <password>")
  .option("--name <name>")
  .action(run((opts: { email: string; role: string; password?: string; name?: string }) => addUserCommand(opts)));

await program.parseAsync(process.argv);
