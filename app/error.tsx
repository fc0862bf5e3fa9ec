"use client";

import { FailureNotice } from "@/components/ui/failure-notice";

// a failure in a layout of the signed-in pages (their session, their projects) lands here
export default function RootError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl p-8">
      <FailureNotice {...props} />
    </main>
  );
}
