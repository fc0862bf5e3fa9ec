import type { Metadata } from "next";
import { AccountActions } from "@/components/admin/account-actions";
import { NewAccountForm } from "@/components/admin/new-account-form";
import { requirePage } from "@/lib/auth/guard-page";
import { listAccounts } from "@/lib/server/accounts/manage-accounts";
import { changeRoleAction, createAccountAction, resetPasswordAction, setActiveAction } from "./actions";
import { timeText } from "@/lib/domain/time-text";

export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsPage() {
  const user = await requirePage("accounts:manage", "/admin/accounts");
  const accounts = await listAccounts();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Accounts</h1>
      <NewAccountForm action={createAccountAction} />
      <table className="w-full text-sm" data-testid="accounts">
        <thead className="text-left text-slate-600">
          <tr>
            <th className="py-1 pr-3">email</th>
            <th className="pr-3">role</th>
            <th className="pr-3">status</th>
            <th className="pr-3">last sign-in</th>
            <th className="pr-3">API tokens</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.id} className={`border-t border-slate-100 align-top ${a.active ? "" : "text-slate-500"}`} data-testid="account-row" data-email={a.email}>
              <td className="py-2 pr-3">
                {a.email}
                {a.name && a.name !== a.email ? <span className="text-slate-500"> · {a.name}</span> : null}
                {a.id === user.id ? <span className="text-slate-500"> (you)</span> : null}
              </td>
              <td className="pr-3">{a.role}</td>
              <td className="pr-3">{a.active ? "active" : "deactivated"}</td>
              <td className="pr-3">{a.lastLoginAt ? timeText(a.lastLoginAt) : "never"}</td>
              <td className="pr-3">{a.liveTokens}</td>
              <td className="py-2">
                <AccountActions account={a} self={a.id === user.id} actions={{ changeRole: changeRoleAction, setActive: setActiveAction, resetPassword: resetPasswordAction }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
