import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ReviewWorkbench } from "@/components/review/review-workbench";
import { requirePage } from "@/lib/auth/guard";
import { toAppError } from "@/lib/errors";
import { nextReviewStep } from "@/lib/server/review/review-step";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const id = Number(projectId);
  const user = await requirePage("review:work", `/review/${projectId}`);
  if (!Number.isInteger(id) || id <= 0) notFound();
  let initial;
  try {
    initial = await nextReviewStep(user, id);
  } catch (e) {
    const err = toAppError(e);
    if (err.code === "not_found") notFound();
    return (
      <p role="alert" className="rounded border border-rose-200 bg-rose-50 p-4 text-rose-800">
        {err.code === "internal" ? "Something went wrong loading the queue." : err.message}
      </p>
    );
  }
  return <ReviewWorkbench projectId={id} initial={initial} />;
}
