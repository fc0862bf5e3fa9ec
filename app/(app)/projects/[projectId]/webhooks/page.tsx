import type { Metadata } from "next";
import { RunPoller } from "@/components/ui/run-poller";
import { NewWebhookForm } from "@/components/webhooks/new-webhook-form";
import { DeleteWebhookForm, RedeliverForm } from "@/components/webhooks/webhook-row-actions";
import { requireProjectPage } from "@/lib/auth/guard-page";
import { timeText } from "@/lib/domain/time-text";
import { listStoppedWebhookEndpoints, listWebhookDeliveries, listWebhookEndpoints } from "@/lib/server/webhooks/webhook-endpoints";
import { createWebhookAction, deleteWebhookAction, redeliverAction } from "./actions";

export const metadata: Metadata = { title: "Webhooks" };

const STATUS_STYLE = { succeeded: "bg-emerald-100 text-emerald-800", failed: "bg-rose-100 text-rose-800", pending: "bg-sky-100 text-sky-800" } as const;

export default async function WebhooksPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { id, project } = await requireProjectPage("project:manage", projectId, `/projects/${projectId}/webhooks`);
  const [endpoints, stopped, deliveries] = await Promise.all([listWebhookEndpoints(id), listStoppedWebhookEndpoints(id), listWebhookDeliveries(id)]);
  return (
    <div className="max-w-5xl space-y-6">
      <RunPoller active={deliveries.some((d) => d.status === "pending")} />
      <h1 className="text-2xl font-semibold">{project.name}: webhooks</h1>
      <p className="text-sm text-slate-600">
        The workbench tells your pipeline what happened here by POSTing JSON to each endpoint, signed as{" "}
        <a className="text-indigo-700 underline" href="https://www.standardwebhooks.com/">
          Standard Webhooks
        </a>{" "}
        has it: check <code>webhook-signature</code> with the endpoint&apos;s secret (docs/pipeline.md shows how). A receiver that does not answer 2xx within 10 seconds is tried again, up to 8 times
        over about an hour; then the delivery fails here, and you can send it again.
      </p>
      <p className="text-sm text-slate-600">
        Endpoints take https URLs of public addresses only (an operator can allow internal hosts). An endpoint speaks for the lead who registered it: it stops when they leave the project, lose the
        lead role or are deactivated; another lead can register it again.
      </p>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Endpoints</h2>
        {endpoints.length === 0 ? (
          <p className="rounded border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">No endpoint yet. Register one below to hear of imports, decisions, rules and releases.</p>
        ) : (
          <ul className="space-y-2" aria-label="Webhook endpoints">
            {endpoints.map((e) => (
              <li key={e.id} className="flex flex-wrap items-start justify-between gap-3 rounded border border-slate-200 bg-white p-3 text-sm" data-testid="webhook-endpoint">
                <div className="min-w-0">
                  <p className="font-mono break-all">{e.url}</p>
                  {e.description && <p className="text-slate-600">{e.description}</p>}
                  <p className="text-xs text-slate-500">
                    {e.events.join(", ")} · since {timeText(e.createdAt, "day")}
                    {e.createdBy ? ` by ${e.createdBy}` : ""}
                    {e.failedLastDay > 0 && <span className="ml-1 text-rose-700">· {e.failedLastDay} failed in the last day</span>}
                  </p>
                </div>
                <DeleteWebhookForm projectId={id} endpointId={e.id} url={e.url} action={deleteWebhookAction} />
              </li>
            ))}
          </ul>
        )}
        {stopped.length > 0 && (
          <details className="rounded border border-amber-200 bg-amber-50 p-3 text-sm" data-testid="stopped-endpoints">
            <summary className="cursor-pointer font-medium text-amber-900">
              {stopped.length} endpoint{stopped.length === 1 ? "" : "s"} stopped by the workbench
            </summary>
            <ul className="mt-2 space-y-1">
              {stopped.map((e) => (
                <li key={e.id}>
                  <span className="font-mono break-all">{e.url}</span>
                  <span className="text-slate-600">
                    {" "}
                    · {e.reason}
                    {e.createdBy ? ` (${e.createdBy})` : ""}, {timeText(e.stoppedAt, "day")}
                  </span>
                </li>
              ))}
            </ul>
          </details>
        )}
        <NewWebhookForm projectId={id} action={createWebhookAction} />
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Deliveries</h2>
        {deliveries.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing sent yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full table-fixed text-left text-sm" aria-label="Webhook deliveries">
              <thead className="text-slate-500">
                <tr>
                  <th className="w-36 py-1">When (UTC)</th>
                  <th className="w-44">Event</th>
                  <th>Endpoint</th>
                  <th className="w-24">Status</th>
                  <th className="w-20 text-right">Answer</th>
                  <th className="w-20 text-right">Time</th>
                  <th className="w-20 text-right">Attempts</th>
                  <th className="w-28 pl-3" />
                </tr>
              </thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr key={d.id} className="border-t border-slate-200 align-top" data-testid="webhook-delivery">
                    <td className="py-1.5">{timeText(d.lastAttemptAt ?? d.createdAt, "second")}</td>
                    <td>
                      <code>{d.eventType}</code>
                    </td>
                    <td className="truncate font-mono text-xs" title={d.url}>
                      {d.url}
                      {d.error && <span className="block font-sans whitespace-normal text-rose-700">{d.error}</span>}
                    </td>
                    <td>
                      <span className={`rounded px-1.5 ${STATUS_STYLE[d.status]}`} data-testid="delivery-status">
                        {d.status === "pending" && d.attempts > 0 ? "retrying" : d.status}
                      </span>
                    </td>
                    <td className="text-right">{d.responseStatus ?? "–"}</td>
                    <td className="text-right">{d.durationMs === null ? "–" : `${d.durationMs} ms`}</td>
                    <td className="text-right" data-testid="delivery-attempts">
                      {d.attempts}
                    </td>
                    <td className="pl-3">{d.status !== "pending" && <RedeliverForm projectId={id} deliveryId={d.id} action={redeliverAction} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
