import { SPLITS, type Ratios, type Split } from "../splits";

export interface CardInput {
  project: string;
  version: number;
  seed: string;
  ratios: Ratios;
  status: string;
  rules: string;
  /** the prompt template of each task, with the project's version number (1 = the default) */
  templates: { task: string; version: number; template: string }[];
  manifestSha256: string;
  /** counts of records per split and source (platform.task), of artifacts per split, kind and platform */
  records: Record<Split, Record<string, number>>;
  artifacts: Record<Split, { kind: Record<string, number>; platform: Record<string, number> }>;
  /** what came out empty or lopsided (lib/domain/export-warnings.ts) */
  warnings?: string[];
}

const table = (rows: [string, number][]) =>
  rows
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, n]) => `| ${k} | ${n} |`)
    .join("\n");
const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

/** The dataset card (README.md of an export): what is in it, per split, task, kind and platform. */
export function datasetCard(c: CardInput): string {
  const parts = [
    `# ${c.project}: split version ${c.version}`,
    "",
    `Exported by the HumanLLM Review Workbench. Only artifacts that people accepted are in it; every user is in exactly one split (seed \`${c.seed}\`, ratios train ${c.ratios.train} / validation ${c.ratios.validation} / test ${c.ratios.test}, stratified by platform). Version status: ${c.status}.`,
    "",
    `- QC rules: ${c.rules}`,
    `- Prompt templates: ${c.templates.map((t) => `${t.task} v${t.version}`).join(", ")} (texts below)`,
    `- manifest.json sha256: \`${c.manifestSha256}\``,
    "",
    ...(c.warnings?.length ? ["## Warnings", "", ...c.warnings.map((w) => `- ${w}`), ""] : []),
    "Records are chat conversations (`messages` with a user and an assistant turn, ShareGPT style) with `uid`, `source` (`platform.task`), `artifact_ids` and `post_ids`. `verdicts.jsonl` holds the human verdicts the splits rest on, for training QC filters.",
  ];
  for (const split of SPLITS) {
    parts.push("", `## ${split}: ${sum(c.records[split])} records, ${sum(c.artifacts[split].kind)} artifacts`, "", "| source | records |", "|---|---|", table(Object.entries(c.records[split])));
    parts.push("", "| kind | artifacts |", "|---|---|", table(Object.entries(c.artifacts[split].kind)));
    parts.push("", "| platform | artifacts |", "|---|---|", table(Object.entries(c.artifacts[split].platform)));
  }
  parts.push("", "## Prompt templates", "", "Placeholders in braces are filled from each artifact; the user turn of every record is its task's template, filled.");
  for (const t of c.templates) parts.push("", `### ${t.task} (version ${t.version})`, "", "```text", t.template, "```");
  return `${parts.join("\n")}\n`;
}

/**
 * dataset_info.json entries LLaMA-Factory can load (sharegpt format with role/content messages), one
 * per split that holds records: LLaMA-Factory fails on a listed file with none. Exports made before
 * 2026-12 listed every split; `splits: SPLITS` writes that file again, to check their manifests.
 */
export function datasetInfo(name: string, splits: readonly Split[]): Record<string, unknown> {
  return Object.fromEntries(
    splits.map((split) => [
      `${name}_${split}`,
      {
        file_name: `${split}.jsonl`,
        formatting: "sharegpt",
        columns: { messages: "messages" },
        tags: { role_tag: "role", content_tag: "content", user_tag: "user", assistant_tag: "assistant" },
      },
    ]),
  );
}
