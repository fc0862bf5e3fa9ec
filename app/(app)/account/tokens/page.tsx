import type { Metadata } from "next";
import { NewTokenForm, RevokeTokenForm } from "@/components/admin/token-forms";
import { listApiTokens } from "@/lib/server/auth/api-tokens";
import { requirePage } from "@/lib/auth/guard-page";
import { createTokenAction, revokeTokenAction } from "./actions";
import { timeText } from "@/lib/domain/time-text";

export const metadata: Metadata = { title: "API tokens" };

const when = (at: string | null) => (at ? timeText(at) : "never");

export default async function TokensPage() {
  const user = await requirePage("tokens:own", "/account/tokens");
  const tokens = await listApiTokens(user.id);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Your API tokens</h1>
      <p className="text-sm text-slate-600">
        The pipeline calls <code>/api/v1</code> with <code>Authorization: Bearer &lt;token&gt;</code>. A token acts as you, with your role ({user.role}), never more. Only a hash is kept: the token
        shows once, when you create it. Every route is described in{" "}
        <a href="/api/v1/openapi.json" className="text-indigo-700 underline">
          the OpenAPI document
        </a>{" "}
        (and in docs/api.md, with curl examples).
      </p>
      <NewTokenForm action={createTokenAction} />
      {tokens.length === 0 ? (
        <p className="text-slate-600">No tokens yet.</p>
      ) : (
        <table className="w-full text-sm" data-testid="tokens">
          <thead className="text-left text-slate-600">
            <tr>
              <th className="py-1 pr-3">name</th>
              <th className="pr-3">starts with</th>
              <th className="pr-3">scope</th>
              <th className="pr-3">created</th>
              <th className="pr-3">last used</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} className={`border-t border-slate-100 align-top ${t.revokedAt ? "text-slate-400" : ""}`} data-testid="token-row">
                <td className="py-1 pr-3">{t.name}</td>
                <td className="pr-3 font-mono">{t.prefix}…</td>
                <td className="pr-3">{t.scope}</td>
                <td className="pr-3">{when(t.createdAt)}</td>
                <td className="pr-3">{when(t.lastUsedAt)}</td>
                <td className="py-1">{t.revokedAt ? `revoked ${when(t.revokedAt)}` : <RevokeTokenForm tokenId={t.id} name={t.name} action={revokeTokenAction} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
