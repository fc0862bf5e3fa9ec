import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LOCKED, LoginForm } from "@/components/auth/login-form";
import { currentUser } from "@/lib/auth/current-user";
import { safeCallbackPath } from "@/lib/auth/safe-callback";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  const safeCallback = safeCallbackPath(callbackUrl);
  if (await currentUser()) redirect(safeCallback);
  return (
    <main className="mx-auto mt-24 max-w-sm px-4">
      <h1 className="text-2xl font-semibold">HumanLLM Review Workbench</h1>
      <p className="mt-1 text-sm text-slate-600">Sign in to review synthesized data beside its sources.</p>
      <LoginForm callbackUrl={safeCallback} initialError={error === "locked" ? LOCKED : error ? "Wrong email or password." : undefined} />
    </main>
  );
}
