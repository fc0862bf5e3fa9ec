import { InvalidArgumentError, type Command } from "commander";
import { WEBHOOK_EVENTS } from "../domain/webhooks";
import { calibrateCommand, calibrationReportCommand, saveRulesCommand } from "./commands/calibration";
import { createProjectCommand, goldCommand, membersCommand, setProjectCommand, showProjectCommand, type SettingsOptions } from "./commands/projects";
import { freezeSplitCommand, listSplitsCommand, makeSplitCommand } from "./commands/splits";
import { applyTriageCommand, disputesCommand, triagePreviewCommand } from "./commands/triage";
import { addWebhookCommand, listWebhooksCommand, redeliverWebhookCommand, removeWebhookCommand, webhookDeliveriesCommand } from "./commands/webhooks";
import { list, positiveInt, ratio, run, yesNo } from "./options";

/**
 * A lead's actions on the command line (the same use cases and schemas as the API's, docs/pipeline.md):
 * triage, projects, members, gold, split versions, calibration, webhooks, disputes.
 */
export function registerLeadCommands(program: Command): void {
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
}
