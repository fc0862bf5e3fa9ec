import { Command, InvalidArgumentError } from "commander";
import { ZodError } from "zod";
import { databaseUrl } from "../env";
import { AppError, describeIssues } from "../errors";
import { closeDb } from "../db/client";
import { lowerToBackgroundPriority } from "../server/background-priority";
import { ensureDatabase } from "../server/ensure-database";
import { agreementCommand } from "./commands/agreement";
import { backupCommand, restoreCommand } from "./commands/backup";
import { dbMigrateCommand, dbStatusCommand } from "./commands/db";
import { writeDemoBatch } from "./commands/demo";
import { exportCommand } from "./commands/export";
import { importCommand } from "./commands/import";
import { importHumanLlmCommand } from "./commands/import-humanllm";
import { exportRulesCommand } from "./commands/rules";
import { createTokenCommand, revokeTokenCommand } from "./commands/tokens";
import { applyTriageCommand, disputesCommand, triagePreviewCommand } from "./commands/triage";
import { calibrateCommand, calibrationReportCommand, saveRulesCommand } from "./commands/calibration";
import { createProjectCommand, goldCommand, membersCommand, setProjectCommand, showProjectCommand, type SettingsOptions } from "./commands/projects";
import { freezeSplitCommand, listSplitsCommand, makeSplitCommand } from "./commands/splits";
import { addWebhookCommand, listWebhooksCommand, redeliverWebhookCommand, removeWebhookCommand, webhookDeliveriesCommand } from "./commands/webhooks";
import { WEBHOOK_EVENTS } from "../domain/webhooks";
import { addUserCommand } from "./commands/users";

// The command line: `npm run cli -- <command>`. Each command migrates the database it is pointed at
// (DATABASE_URL, default file:./data/app.db) before it runs.

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a whole number of at least 1");
  return n;
}

function ratio(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError("must be a number from 0 to 1");
  return n;
}

function yesNo(value: string): boolean {
  if (/^(yes|true|on)$/i.test(value)) return true;
  if (/^(no|false|off)$/i.test(value)) return false;
  throw new InvalidArgumentError("must be yes or no");
}

const list = (value: string) =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

function run<A extends any[]>(action: (...args: A) => Promise<number>, { needsDb = true } = {}) {
  return async (...args: A) => {
    try {
      if (needsDb) await ensureDatabase(databaseUrl());
      process.exitCode = await action(...args);
    } catch (e) {
      if (e instanceof AppError) process.stderr.write(`error: ${e.message}\n`);
      else if (e instanceof ZodError) process.stderr.write(`error: ${describeIssues(e.issues, { root: "input" })}\n`);
      else {
        process.stderr.write(`error: unexpected failure: ${(e as Error).message}\n`);
        if (process.env.DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
      }
      process.exitCode = 1;
    } finally {
      await closeDb();
    }
  };
}

// `cli disputes --project X | head`: a reader that stops early is no error
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

const program = new Command("cli").description("HumanLLM Review Workbench command line").showHelpAfterError();

program
  .command("import")
  .description("import a JSON Lines batch into a project (created if missing); all or nothing")
  .argument("<file>", "the batch file")
  .requiredOption("--project <name>", "project name")
  .option("--assign <emails>", "make these annotators (comma-separated emails) members of the project first, so their verdicts in the file are accepted")
  .option("--json", "print one JSON summary line")
  .action(
    run((file: string, opts: { project: string; assign?: string; json?: boolean }) => {
      // a batch is background work: reviewers on the same machine keep the cores first
      const priority = lowerToBackgroundPriority();
      if (priority) process.stderr.write(`${priority}\n`);
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
  .action(
    run((dir: string, opts: { project: string; assign?: string[] }) => {
      const priority = lowerToBackgroundPriority();
      if (priority) process.stderr.write(`${priority}\n`);
      return importHumanLlmCommand(dir, opts);
    }),
  );

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
      { needsDb: false },
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
  .action(run((file: string, opts: { json?: boolean; resamples: number; seed: string }) => agreementCommand(file, opts), { needsDb: false }));

const rules = program.command("rules").description("QC rule sets");
rules
  .command("export")
  .description("print a project's rule set as JSON (the current one unless --version names another)")
  .requiredOption("--project <name>", "project name")
  .option("--version <v>", "rule set version", positiveInt)
  .action(run((opts: { project: string; version?: number }) => exportRulesCommand(opts)));

const triage = program.command("triage").description("route unstarted artifacts with the current rules");
triage
  .command("preview")
  .description("what triage with the current rules would do, as JSON")
  .requiredOption("--project <name>", "project name")
  .action(run((opts: { project: string }) => triagePreviewCommand(opts)));
triage
  .command("apply")
  .description("route a project's unstarted artifacts with its current rule set (needs a calibrated version); a job with a progress bar")
  .requiredOption("--project <name>", "project name")
  .action(run((opts: { project: string }) => applyTriageCommand(opts)));

/** The settings a project can be created with or changed to. */
function settingsOptions(c: Command): Command {
  return c
    .option("--description <text>", "what the project is")
    .option("--overlap <n>", "verdicts each artifact needs (1-10)")
    .option("--lease-minutes <n>", "how long an annotator holds a claimed artifact")
    .option("--gold-rate <r>", "share of gold artifacts in each queue (0-1)")
    .option("--blind-mode <yes|no>", "hide the judge's scores from annotators", yesNo)
    .option("--label-mode <mode>", "three_class or binary")
    .option("--calibration-first <yes|no>", "serve first the rubric keys that lack calibration labels", yesNo);
}

const projects = program.command("projects").description("create projects and change their settings");
settingsOptions(projects.command("create").description("create a project (prints it as JSON)").argument("<name>", "the project's name")).action(
  run((name: string, opts: SettingsOptions) => createProjectCommand(name, opts)),
);
settingsOptions(projects.command("set").description("change the settings named; the rest stay").requiredOption("--project <name>", "project name")).action(
  run((opts: SettingsOptions & { project: string }) => setProjectCommand(opts)),
);
projects
  .command("show")
  .description("a project's settings, members and artifacts by review status, as JSON")
  .requiredOption("--project <name>", "project name")
  .action(run((opts: { project: string }) => showProjectCommand(opts)));

program
  .command("members")
  .description("assign annotators or leads to a project by email")
  .argument("<action>", "add")
  .requiredOption("--project <name>", "project name")
  .requiredOption("--role <role>", "annotator or lead")
  .requiredOption("--emails <emails>", "comma-separated emails of active accounts of that role", list)
  .option("--replace", "make these the role's only members (default: add them)")
  .action(
    run(async (action: string, opts: { project: string; role: string; emails: string[]; replace?: boolean }) => {
      if (action !== "add") throw new InvalidArgumentError(`unknown members action "${action}" (try: members add --project NAME --role annotator --emails a@x,b@x)`);
      return membersCommand(opts);
    }),
  );

program
  .command("gold")
  .description("mark an artifact as gold with its right answer, or take the mark off")
  .requiredOption("--project <name>", "project name")
  .requiredOption("--artifact <id>", "the artifact's id")
  .requiredOption("--answer <answer>", "accept, reject, or none to take the mark off")
  .action(run((opts: { project: string; artifact: string; answer: string }) => goldCommand(opts)));

const splits = program.command("splits").description("split versions: make, list, freeze");
splits
  .command("make")
  .description("make a split version of the final accepted artifacts, by user; a job with a progress bar")
  .requiredOption("--project <name>", "project name")
  .option("--seed <seed>", 'the seed (default: "v" and the version\'s number)')
  .option("--train <r>", "train ratio (give all three, or none for 0.8/0.1/0.1)", ratio)
  .option("--validation <r>", "validation ratio", ratio)
  .option("--test <r>", "test ratio", ratio)
  .action(run((opts: { project: string; seed?: string; train?: number; validation?: number; test?: number }) => makeSplitCommand(opts)));
splits
  .command("list")
  .description("the project's split versions, newest first")
  .requiredOption("--project <name>", "project name")
  .option("--json", "print JSON")
  .action(run((opts: { project: string; json?: boolean }) => listSplitsCommand(opts)));
splits
  .command("freeze")
  .description("freeze a version: export it, record its manifest, lock it; a job with a progress bar")
  .requiredOption("--project <name>", "project name")
  .requiredOption("--version <v>", "the version", positiveInt)
  .action(run((opts: { project: string; version: number }) => freezeSplitCommand(opts)));

const calibration = program.command("calibration").description("calibrate the LLM judge against people's verdicts");
calibration
  .command("report")
  .description("the calibration report as JSON (of the latest run that finished unless --run names one)")
  .requiredOption("--project <name>", "project name")
  .option("--run <id>", "a calibration run", positiveInt)
  .action(run((opts: { project: string; run?: number }) => calibrationReportCommand(opts)));
calibration
  .command("run")
  .description("calibrate again with the labels up to now; a job with a progress bar")
  .requiredOption("--project <name>", "project name")
  .option("--target <p>", "the precision automatic decisions must reach (0.5-1)")
  .action(run((opts: { project: string; target?: string }) => calibrateCommand(opts)));
calibration
  .command("save")
  .description("save a run's proposals as the next rule set version (prints it as JSON)")
  .requiredOption("--project <name>", "project name")
  .requiredOption("--run <id>", "the calibration run", positiveInt)
  .requiredOption("--keys <keys>", "comma-separated rubric keys whose proposals to take (persona, story/science_fiction, ...)", list)
  .option("--note <note>", "why")
  .action(run((opts: { project: string; run: number; keys: string[]; note?: string }) => saveRulesCommand(opts)));

const webhooks = program.command("webhooks").description("a project's webhook endpoints and their delivery log");
webhooks
  .command("add")
  .description("register an endpoint (prints its signing secret, once)")
  .requiredOption("--project <name>", "project name")
  .requiredOption("--url <url>", "where to POST the events")
  .requiredOption("--events <events>", `comma-separated: ${WEBHOOK_EVENTS.join(", ")}`, list)
  .option("--description <text>", "what it is for")
  .action(run((opts: { project: string; url: string; events: string[]; description?: string }) => addWebhookCommand(opts)));
webhooks
  .command("list")
  .description("the project's endpoints")
  .requiredOption("--project <name>", "project name")
  .option("--json", "print JSON")
  .action(run((opts: { project: string; json?: boolean }) => listWebhooksCommand(opts)));
webhooks
  .command("remove")
  .description("delete an endpoint: nothing more is sent to it")
  .requiredOption("--project <name>", "project name")
  .requiredOption("--id <id>", "the endpoint", positiveInt)
  .action(run((opts: { project: string; id: number }) => removeWebhookCommand(opts)));
webhooks
  .command("deliveries")
  .description("the delivery log, newest first")
  .requiredOption("--project <name>", "project name")
  .option("--limit <n>", "at most this many (up to 500)", positiveInt)
  .option("--json", "print JSON")
  .action(run((opts: { project: string; limit?: number; json?: boolean }) => webhookDeliveriesCommand(opts)));
webhooks
  .command("redeliver")
  .description("send a delivery again, with the same webhook-id")
  .requiredOption("--project <name>", "project name")
  .requiredOption("--id <id>", "the delivery", positiveInt)
  .action(run((opts: { project: string; id: number }) => redeliverWebhookCommand(opts)));

program
  .command("disputes")
  .description("the disputed artifacts that wait for a lead, the widest splits first")
  .requiredOption("--project <name>", "project name")
  .option("--limit <n>", "at most this many (up to 500)", positiveInt)
  .option("--json", "print JSON")
  .action(run((opts: { project: string; limit?: number; json?: boolean }) => disputesCommand(opts)));

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
  .action(run((opts: { json?: boolean }) => dbStatusCommand(opts), { needsDb: false }));
database
  .command("migrate")
  .description("apply the pending migrations (npm start and every other command do it too)")
  .action(run(() => dbMigrateCommand(), { needsDb: false }));

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
