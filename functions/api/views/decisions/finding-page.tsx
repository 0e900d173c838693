/** @jsxImportSource hono/jsx */
/** A compliance finding and, for whoever may resolve it, the `finding.resolve` form (issue #16). */
import { findingText } from '../../../../shared/domain/finding-text.js';
import { formatInstant } from '../../../../shared/domain/local-time.js';
import type { FindingView } from '../../../../shared/services/compliance/compliance-service.js';
import { ActionForm, TextArea, type FieldContext } from '../../forms/fields.js';
import type { FormState } from '../../forms/parse.js';
import { href, instant } from '../dashboard/i18n.js';
import { Frame } from './frame.js';
import { D, periodLabel } from './i18n.js';
import { personName, unitName, type DecisionPageContext } from './page-context.js';

export function FindingPage(p: { ctx: DecisionPageContext; finding: FindingView; mayResolve: boolean; form: FormState }) {
  const { ctx, finding: f } = p;
  const d = D[ctx.lang];
  const local = (iso: string) => instant(formatInstant(new Date(iso), ctx.names.timeZone), ctx.lang);
  const form: FieldContext = { form: 'resolve', state: p.form, lang: ctx.lang };
  return (
    <Frame ctx={ctx} title={`${d.findingTitle} ${f.rule}`}>
      <div class="page-heading">
        <h1>
          {ctx.names.rules[f.rule]?.title[ctx.lang] ?? d.findingTitle} ({f.rule}, {f.article})
        </h1>
        <p class="subtitle">{f.resolvedAt ? `${d.resolvedAt} ${local(f.resolvedAt)}` : d.open}</p>
      </div>
      <p class="description">
        {findingText(f, ctx.lang, {
          person: (id) => ctx.names.staff[id]?.name,
          unit: (id) => ctx.names.units[id],
          reportTitle: (rule) => ctx.names.reportTitles[rule],
        })}
      </p>
      <dl class="facts">
        <dt>{d.subject}</dt>
        <dd>
          {personName(ctx, f.subjectId)} · {unitName(ctx, f.unitId)}
        </dd>
        <dt>{d.period}</dt>
        <dd>{periodLabel(f.period, ctx.lang)}</dd>
        <dt>{d.detectedAt}</dt>
        <dd>{local(f.detectedAt)}</dd>
        {f.resolvedAt ? (
          <>
            <dt>{d.resolvedAt}</dt>
            <dd>
              {local(f.resolvedAt)}
              {f.resolvedBy ? ` · ${personName(ctx, f.resolvedBy)}` : ''}
              {f.resolutionNote ? ` · ${f.resolutionNote}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
      {p.mayResolve && !f.resolvedAt ? (
        <section aria-labelledby="resolve-heading" class="actions">
          <ActionForm f={form} name="finding.resolve" action={href(`/findings/${encodeURIComponent(f.id)}/resolve`, {}, ctx.lang)} csrf={ctx.csrf} submit={d.resolve} version={f.version} heading={d.resolve}>
            <TextArea f={form} name="note" label={d.resolveNote} required maxlength={5000} />
          </ActionForm>
        </section>
      ) : null}
      <p>
        <a href={href('/decisions', {}, ctx.lang)}>{d.back}</a>
      </p>
    </Frame>
  );
}
