import type { Metadata } from "next";
import { ReviewWorkbench } from "@/components/review/review-workbench";
import { requireProjectPage } from "@/lib/auth/guard-page";
import { toAppError } from "@/lib/errors";
import { nextReviewStep } from "@/lib/server/review/review-step";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { user, id, project } = await requireProjectPage("review:work", projectId, `/review/${projectId}`);
  let initial;
  try {
    initial = await nextReviewStep(user, project);
  } catch (e) {
    const err = toAppError(e);
    return (
      <p role="alert" className="rounded border border-rose-200 bg-rose-50 p-4 text-rose-800">
        {err.code === "internal" ? "Something went wrong loading the queue." : err.message}
      </p>
    );
  }
  return <ReviewWorkbench projectId={id} projectName={project.name} initial={initial} />;
}
