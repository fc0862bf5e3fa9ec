"use client";

import "./globals.css";
import { FailureNotice } from "@/components/ui/failure-notice";

// a failure in the root layout itself: the page's own html and body are gone, so these are new
export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <main className="mx-auto max-w-xl p-8">
          <FailureNotice {...props} />
        </main>
      </body>
    </html>
  );
}
