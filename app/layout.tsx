import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "HumanLLM Review Workbench", template: "%s · HumanLLM Review Workbench" },
  description: "Review LLM-synthesized data about social media users beside its sources.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // every page renders per request: its scripts need the nonce of that request's policy (proxy.ts)
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
