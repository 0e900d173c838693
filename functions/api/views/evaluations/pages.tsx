/** @jsxImportSource hono/jsx */
/**
 * The evaluation pages (issue #23; E1–E6, Điều 24), the list of a period in list-page.tsx;
 * here `/evaluations/{staffId}/{period}`, a person's dossier: the figures with their records, the level the criteria suggest with the figures behind
 * it, the steps with their deadlines, and only the forms of the steps the reader may take now.
 * Field names are the API body's (POST /v1/evaluations/{staffId}/{period}/{step}): text, level, reason.
 */
import { parsePeriod } from '../../../../shared/domain/periods.js';
import type { EvaluationStepId } from '../../../../shared/rulebook/schema.js';
import type { DossierView, EvaluationService } from '../../../../shared/services/evaluation-service.js';
import { ActionForm, SelectField, TextArea, type FieldContext } from '../../forms/fields.js';
import type { FormState } from '../../forms/parse.js';
import { recordsHref, roleNames } from '../dashboard/common.js';
import { href, instant, periodName, type Lang } from '../dashboard/i18n.js';
import type { FigureName } from '../../../../shared/domain/dashboard.js';
import { Frame } from '../decisions/frame.js';
import { personName, unitName, type DecisionPageContext } from '../decisions/page-context.js';
import { E } from './words.js';

export type ListView = Awaited<ReturnType<EvaluationService['list']>>;
export type Terms = Awaited<ReturnType<EvaluationService['terms']>>;
type Suggested = { level: string | null; reason: string; onTime: number; settled: number };

const empty: FormState = { values: {}, errors: {} };
export const pct = (on: number, all: number, lang: Lang) => `${(Math.round((on / all) * 1000) / 10).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')}%`;
export const levelName = (terms: Terms, id: string | null | undefined, lang: Lang) => (id ? (terms.levels.find((l) => l.id === id)?.name[lang] ?? id) : '');
export const stepOf = (terms: Terms, step: string) => terms.steps.find((s) => s.step === step)!;
export const dossierHref = (staffId: string, period: string, lang: Lang) => href(`/evaluations/${encodeURIComponent(staffId)}/${period}`, {}, lang);

export function SuggestedText(p: { terms: Terms; s: Suggested | undefined; lang: Lang }) {
  const e = E[p.lang];
  if (!p.s) return <>{e.dash}</>;
  return <>{p.s.level ? levelName(p.terms, p.s.level, p.lang) : e.noSuggestion}</>;
}

export const positionOf = (ctx: DecisionPageContext, staffId: string) => {
  const s = ctx.names.staff[staffId];
  return s ? roleNames(ctx, s.roles.filter((r) => r !== 'staff'), s.unitId) || E[ctx.lang].staffPosition : '';
};

// -------------------------------------------------------------------------------------------
// The dossier

const FIGURE_ROWS = (d: DossierView['dossier']) =>
  [
    ['assignments', [['onTime', d.assignments.onTime], ['onTimeAfterExtension', d.assignments.onTimeAfterExtension], ['late', d.assignments.late], ['overdue', d.assignments.overdue]]],
    ['reports', [['reportsOnTime', d.reports.onTime], ['reportsLate', d.reports.late], ['reportsMissing', d.reports.missing]]],
    ['meetings', [['conclusionsOnTime', d.meetings.conclusionsOnTime], ['conclusionsLate', d.meetings.conclusionsLate]]],
    ['findings', [['findingsResolved', d.findings.resolved], ['findingsOpen', d.findings.open]]],
  ] as const;

function ShareText(p: { share: { onTime: number; settled: number } | undefined; lang: Lang }) {
  const e = E[p.lang];
  if (!p.share || p.share.settled === 0) return <>{e.noShare}</>;
  return <>{e.shareOf(p.share.onTime, p.share.settled, pct(p.share.onTime, p.share.settled, p.lang))}</>;
}

/** The suggestion kept with a proposal or the decision: the level, why, and the share it came from. */
function SuggestedThen(p: { terms: Terms; s: Suggested | undefined; lang: Lang }) {
  const e = E[p.lang];
  if (!p.s) return null;
  return (
    <p class="suggested-then">
      {e.suggestedThen}: <strong>{p.s.level ? levelName(p.terms, p.s.level, p.lang) : e.noSuggestion}</strong> ({e.reasons[p.s.reason] ?? p.s.reason}; {e.share.toLowerCase()}: <ShareText share={p.s} lang={p.lang} />)
    </p>
  );
}

type EntryLike = { text?: string; level?: string; reason?: string | undefined; by: string; at: string; suggested?: Suggested | undefined; actingForDirector?: boolean | undefined };

function entryOf(d: DossierView, step: EvaluationStepId): EntryLike | undefined {
  const ev = d.evaluation;
  if (!ev) return undefined;
  switch (step) {
    case 'self-assessment':
      return ev.selfAssessment;
    case 'head-comment':
      return ev.headComment;
    case 'board-review':
      return ev.boardReview;
    case 'director-decision':
      return ev.decision;
    case 'publication':
      return ev.publishedAt && ev.publishedBy ? { by: ev.publishedBy, at: ev.publishedAt } : undefined;
  }
}

export function DossierPage(p: {
  ctx: DecisionPageContext;
  d: DossierView;
  terms: Terms;
  now: string;
  idem: string;
  failed?: { step: EvaluationStepId; state: FormState } | undefined;
}) {
  const { ctx, d, terms } = p;
  const lang = ctx.lang;
  const e = E[lang];
  const period = parsePeriod(d.period.id)!;
  const tz = ctx.names.timeZone;
  const now = new Date(p.now).getTime();
  const scope = { staffId: d.person.staffId };
  const figureLink = (figure: FigureName, count: number, label: string) => (
    <a class={`figure${count === 0 ? ' zero' : ''}`} href={recordsHref(ctx, d.period.id, figure, scope)} aria-label={`${label}: ${count}`}>
      {String(count)}
    </a>
  );
  const criterion = (id: string) => terms.criteria.find((c) => c.id === id);
  const lastProposal = d.evaluation ? (d.evaluation.boardReview ?? d.evaluation.headComment ?? d.evaluation.selfAssessment)?.level : undefined;
  const levelOptions = terms.levels.map((l) => ({ value: l.id, label: l.name[lang] }));
  const f = (step: EvaluationStepId): FieldContext => ({ form: `eval-${step}`, state: p.failed?.step === step ? p.failed.state : empty, lang });
  return (
    <Frame ctx={ctx} title={`${e.dossierTitle}: ${d.person.name} — ${periodName(period, lang)}`} current="evaluations">
      <div class="evaluation-page dossier">
        <div class="page-heading">
          <h1>
            {e.dossierTitle}: {d.person.name}
          </h1>
          <p class="subtitle">
            {periodName(period, lang)} · {unitName(ctx, d.person.unitId)} · {positionOf(ctx, d.person.staffId)}
          </p>
          <p class="muted">
            {e.asOf} {instant(d.asOf, lang)}
          </p>
        </div>

        <section aria-labelledby="h-figures">
          <h2 id="h-figures">{e.figures}</h2>
          <p class="muted">{e.figuresNote}</p>
          <div class="figure-groups">
            {FIGURE_ROWS(d.dossier).map(([group, rows]) => (
              <div class="figure-group">
                <h3>{e[group]}</h3>
                <dl>
                  {rows.map(([key, fig]) => (
                    <div class="figure-row">
                      <dt>{e[key]}</dt>
                      <dd>{figureLink(fig.figure, fig.count, e[key])}</dd>
                    </div>
                  ))}
                </dl>
              </div>
            ))}
            <div class="figure-group">
              <h3>{e.escalations}</h3>
              <dl>
                {(['reminder', 'criticism', 'review'] as const).map((k) => (
                  <div class="figure-row">
                    <dt>{e[k]}</dt>
                    <dd>{figureLink('findings.detected', d.dossier.escalations[k].length, e[k])}</dd>
                  </div>
                ))}
              </dl>
            </div>
          </div>
          {d.hidden > 0 ? <p class="muted">{e.hidden(d.hidden)}</p> : null}
          <dl class="facts share-facts">
            <dt>{e.share}</dt>
            <dd class="share">
              <ShareText share={d.dossier.share} lang={lang} />
            </dd>
            {d.unitShare ? (
              <>
                <dt>{e.unitShare}</dt>
                <dd class="unit-share">
                  <ShareText share={d.unitShare} lang={lang} />
                </dd>
              </>
            ) : null}
          </dl>
        </section>

        <section aria-labelledby="h-suggestion" class="suggestion">
          <h2 id="h-suggestion">{e.suggestion}</h2>
          <p class="suggestion-level">
            <strong>{d.suggestion.level ? levelName(terms, d.suggestion.level, lang) : e.noSuggestion}</strong>:{' '}
            {e.reasons[d.suggestion.reason] ?? d.suggestion.reason}
            {d.suggestion.blockedBy.length ? ` ${d.suggestion.blockedBy.map((id) => `“${criterion(id)?.text[lang] ?? id}”`).join(', ')}` : ''}.
          </p>
          <p class="muted">{e.suggestionNote}</p>
          <details>
            <summary>{e.criteria}</summary>
            <ul class="criteria-list">
              {d.suggestion.checks.map((raw) => {
                const c = raw as { criterionId: string; level: string; decreeArticle: string; kind: string; of?: string; comparison?: string; threshold?: number | null; onTime?: number; settled?: number; met?: boolean | null };
                const measured = c.kind === 'on-time-share';
                return (
                  <li>
                    <p>
                      <strong>{levelName(terms, c.level, lang)}</strong>: {criterion(c.criterionId)?.text[lang] ?? c.criterionId}
                    </p>
                    <p class="muted">
                      {c.decreeArticle} ·{' '}
                      {measured ? (
                        <>
                          <ShareText share={{ onTime: c.onTime ?? 0, settled: c.settled ?? 0 }} lang={lang} />
                          {c.of === 'unit' ? ` ${e.ofUnit}` : ''} ·{' '}
                          {c.threshold === null || c.threshold === undefined ? e.unset : (c.comparison === 'below' ? e.below : e.atLeast)(pct(c.threshold, 1, lang))} ·{' '}
                          {c.met === true ? e.met : c.met === false ? e.notMet : e.unknown}
                        </>
                      ) : (
                        e.judged
                      )}
                    </p>
                  </li>
                );
              })}
            </ul>
          </details>
        </section>

        <section aria-labelledby="h-steps">
          <h2 id="h-steps">{e.steps}</h2>
          <ol class="step-list">
            {d.steps.map((s) => {
              const entry = entryOf(d, s.step);
              const title = stepOf(terms, s.step).title[lang];
              const due = new Date(s.dueAt).getTime();
              const late = entry ? new Date(entry.at).getTime() > due : now > due;
              const hiddenDecision = s.step === 'director-decision' && !entry && d.person.staffId === ctx.viewer.staffId && !d.evaluation?.publishedAt;
              return (
                <li class={`step-item${entry ? ' done' : ''}`} data-step={s.step}>
                  <p class="work-title">
                    {title} <span class="muted">({s.rule}, {s.article})</span>
                  </p>
                  <p class="step-due">
                    {e.deadline}: {instant(s.dueAt, lang)}{' '}
                    {late ? <span class={`badge ${entry ? 'late' : 'overdue'}`}>{entry ? e.lateBadge : e.overdueBadge}</span> : null}
                  </p>
                  {entry ? (
                    <>
                      <p>
                        {personName(ctx, entry.by)}
                        {entry.actingForDirector ? ` (${e.acting})` : ''} · {instant(entry.at, lang, tz)}
                      </p>
                      {entry.level ? (
                        <p>
                          {e.level}: <strong class="entry-level">{levelName(terms, entry.level, lang)}</strong>
                        </p>
                      ) : null}
                      {entry.text ? <p class="entry-text">{entry.text}</p> : null}
                      {entry.reason ? (
                        <p class="entry-reason">
                          {e.reason}: {entry.reason}
                        </p>
                      ) : null}
                      <SuggestedThen terms={terms} s={entry.suggested} lang={lang} />
                    </>
                  ) : (
                    <p class="muted">{hiddenDecision && d.evaluation?.headComment ? e.decisionHidden : e.notYet}</p>
                  )}
                </li>
              );
            })}
          </ol>
        </section>

        {p.failed && !d.canTake.includes(p.failed.step) ? (
          // The step can no longer be taken here (someone took it meanwhile): say why, above the steps as they now stand.
          <section class="actions">
            <div class={`form-message ${p.failed.state.kind ?? 'invalid'}`} role="alert">
              <p>{p.failed.state.message ?? e.stepRefused}</p>
            </div>
          </section>
        ) : null}
        {d.canTake.length ? (
          <section class="actions">
            {d.canTake.map((step) => {
              const words = e.forms[step]!;
              const fc = f(step);
              return (
                <ActionForm
                  f={fc}
                  name={`evaluation.${step}`}
                  action={href(`/evaluations/${encodeURIComponent(d.person.staffId)}/${d.period.id}/${step}`, {}, lang)}
                  csrf={ctx.csrf}
                  submit={words.submit}
                  version={d.evaluation?.version ?? 0}
                  idem={p.idem}
                  heading={words.heading}
                  {...(step === 'director-decision' && lastProposal ? { hidden: { _proposed: lastProposal } } : {})}
                >
                  <p class="muted">
                    {e.suggestion}: <strong>{d.suggestion.level ? levelName(terms, d.suggestion.level, lang) : e.noSuggestion}</strong> · {e.share.toLowerCase()}:{' '}
                    <ShareText share={d.dossier.share} lang={lang} />
                  </p>
                  {step === 'publication' ? <p>{e.publishNote}</p> : null}
                  {words.text ? <TextArea f={fc} name="text" label={words.text} required rows={4} maxlength={5000} /> : null}
                  {words.level ? <SelectField f={fc} name="level" label={words.level} required empty={e.chooseLevel} options={levelOptions} /> : null}
                  {step === 'director-decision' ? (
                    <TextArea f={fc} name="reason" label={e.reason} rows={3} maxlength={2000} conditional={!!lastProposal} {...(lastProposal ? { hint: e.reasonHint(levelName(terms, lastProposal, lang)) } : {})} />
                  ) : null}
                </ActionForm>
              );
            })}
          </section>
        ) : null}
        {/* The forms script: one click sends one request, and the decision's reason is marked required when the level differs from the proposal. */}
        {d.canTake.length ? <script src="/assets/forms.js"></script> : null}
        <p>
          <a class="row-link" href={href('/evaluations', { period: d.period.id }, lang)}>
            {e.back}
          </a>
        </p>
      </div>
    </Frame>
  );
}
