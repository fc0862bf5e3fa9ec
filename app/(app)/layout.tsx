import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { AppNav } from "@/components/nav/app-nav";
import { currentUser } from "@/lib/auth/current-user";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  return (
    <>
      <AppNav user={user} />
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </>
  );
}
