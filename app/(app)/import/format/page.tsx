import fs from "node:fs/promises";
import path from "node:path";
import type { Metadata } from "next";
import Link from "next/link";
import { MarkdownDoc } from "@/components/docs/markdown-doc";
import { requirePage } from "@/lib/auth/guard-page";

export const metadata: Metadata = { title: "The import format" };

export default async function ImportFormatPage() {
  await requirePage("import:run", "/import/format");
  const source = await fs.readFile(path.join(process.cwd(), "docs", "import-format.md"), "utf8");
  return (
    <>
      <Link href="/import" className="text-sm text-indigo-700 underline">
        ← Import a batch
      </Link>
      <div className="mt-4">
        <MarkdownDoc source={source} />
      </div>
    </>
  );
}
