/** @jsxImportSource hono/jsx */
/** A month's citizen reception schedule (C1, Điều 14) and, for its approver, `reception.decision` (issue #16). */
import type { ScheduleView } from '../../../../shared/services/citizen-reception-service.js';
import { ActionForm, ApproveField, TextArea, type FieldContext } from '../../forms/fields.js';
import type { FormState } from '../../forms/parse.js';
import { day, href } from '../dashboard/i18n.js';
import { Frame } from './frame.js';
import { D } from './i18n.js';
import { personName, type DecisionPageContext } from './page-context.js';

const STATUS_VI: Record<string, string> = { proposed: 'Chờ phê duyệt', approved: 'Đã phê duyệt', returned: 'Bị trả lại' };
const STATUS_EN: Record<string, string> = { proposed: 'Awaiting approval', approved: 'Approved', returned: 'Returned' };

export function ReceptionPage(p: { ctx: DecisionPageContext; schedule: ScheduleView; mayDecide: boolean; form: FormState }) {
  const { ctx, schedule: s } = p;
  const d = D[ctx.lang];
  const f: FieldContext = { form: 'reception', state: p.form, lang: ctx.lang };
  const title = d.receptionTitle(`${s.month.slice(5, 7)}/${s.month.slice(0, 4)}`);
  return (
    <Frame ctx={ctx} title={title}>
      <div class="page-heading">
        <h1>{title}</h1>
        <p class="subtitle">
          <span class={`badge ${s.status}`}>{(ctx.lang === 'vi' ? STATUS_VI : STATUS_EN)[s.status] ?? s.status}</span> · {d.from}: {personName(ctx, s.proposedBy)}
        </p>
      </div>
      <ul class="decision-list">
        {s.sessions.map((x) => (
          <li class="decision">
            <h3>
              {day(x.date, ctx.lang)} {x.start}–{x.end}
            </h3>
            <p class="decision-meta">
              {d.host}: {personName(ctx, x.hostId)}
              {x.location ? ` · ${x.location}` : ''}
            </p>
          </li>
        ))}
      </ul>
      {p.mayDecide ? (
        <section class="actions">
          <ActionForm f={f} name="reception.decision" action={href(`/decisions/reception/${s.month}`, {}, ctx.lang)} csrf={ctx.csrf} submit={d.receptionDecision} version={s.version} heading={d.receptionDecision}>
            <ApproveField f={f} legend={d.decision} yes={d.approvePlan} no={d.returnPlan} />
            <TextArea f={f} name="reason" label={d.returnReason} rows={3} maxlength={2000} />
          </ActionForm>
        </section>
      ) : null}
      <p>
        <a href={href('/decisions', {}, ctx.lang)}>{d.back}</a>
      </p>
    </Frame>
  );
}
