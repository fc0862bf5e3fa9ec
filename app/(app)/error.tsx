"use client";

import { FailureNotice } from "@/components/ui/failure-notice";

export default function AppError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <FailureNotice {...props} />;
}
