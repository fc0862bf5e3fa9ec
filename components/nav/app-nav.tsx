import Link from "next/link";
import { can, type Permission } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/current-user";
import { SignOutButton } from "./sign-out-button";

const LINKS: { href: string; label: string; permission: Permission }[] = [
  { href: "/", label: "Projects", permission: "project:read" },
  { href: "/import", label: "Import", permission: "import:run" },
  { href: "/admin/accounts", label: "Accounts", permission: "accounts:manage" },
  { href: "/admin/audit", label: "Audit log", permission: "audit:read" },
  { href: "/account/tokens", label: "API tokens", permission: "tokens:own" },
];

/** The top bar: only the places the user's role can go. */
export function AppNav({ user }: { user: SessionUser }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      {/* one set of links for every width: on a phone they move to a scrolling row under the name and the sign-out */}
      <nav className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3" aria-label="Main">
        <Link href="/" className="font-semibold text-indigo-700">
          HumanLLM Review
        </Link>
        <div className="order-last -mx-1 flex w-full gap-5 overflow-x-auto whitespace-nowrap px-1 sm:order-none sm:mx-0 sm:w-auto sm:gap-6 sm:px-0">
          {LINKS.filter((l) => can(user.role, l.permission)).map((l) => (
            <Link key={l.href} href={l.href} className="text-sm text-slate-700 hover:text-indigo-700">
              {l.label}
            </Link>
          ))}
        </div>
        <span className="ml-auto min-w-0 truncate text-sm text-slate-600" data-testid="whoami" title={user.email}>
          <span className="hidden sm:inline">{user.email} · </span>
          <span className="font-medium">{user.role}</span>
        </span>
        <SignOutButton />
      </nav>
    </header>
  );
}
