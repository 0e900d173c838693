/** @jsxImportSource hono/jsx */
/** The finance staff's page (issue #16, F1–F3, F5): payroll, the monthly reports and settlements, each a form. */
import type { FinanceEntry } from '../../../../shared/services/finance-service.js';
import type { FileRef } from '../../../../shared/domain/files.js';
import { FileField, FileList } from '../../forms/file-field.js';
import { ActionForm, SelectField, TextArea, TextField, type FieldContext } from '../../forms/fields.js';
import type { FormState } from '../../forms/parse.js';
import { day, href } from '../dashboard/i18n.js';
import { Frame } from './frame.js';
import { D } from './i18n.js';
import { personName, type DecisionPageContext } from './page-context.js';

export interface FinancePageData {
  readonly entries: readonly FinanceEntry[];
  /** This month, `YYYY-MM`, and today, the forms' defaults. */
  readonly month: string;
  readonly today: string;
  readonly payroll?: { readonly month: string; readonly paidOn: string; readonly onTime: boolean; readonly files?: readonly FileRef[] } | undefined;
  readonly openSettlements: readonly { readonly id: string; readonly dossierRef: string; readonly completeOn: string; readonly dueOn: string; readonly version: number; readonly files?: readonly FileRef[] }[];
  /** The rulebook's files.maxBytes, shown by the file fields. */
  readonly maxFileBytes: number;
  /** One idempotency key per creating form, so a double click records once. */
  readonly idem: Readonly<Record<string, string>>;
}

/** Which form the state belongs to (the one that was posted); the others render empty. */
export type FinanceForm = 'payroll' | 'monthly-report' | 'settlement' | `settle-${string}` | `files-${string}`;

export function FinancePage(p: { ctx: DecisionPageContext; data: FinancePageData; posted?: { form: FinanceForm; state: FormState } | undefined }) {
  const { ctx, data } = p;
  const d = D[ctx.lang];
  const f = (form: FinanceForm): FieldContext => ({ form, state: p.posted?.form === form ? p.posted.state : { values: {}, errors: {} }, lang: ctx.lang });
  const monthlyKinds = [
    ...(data.entries.includes('incomeExpenseReport') ? ['income-expense'] : []),
    ...(data.entries.includes('cashReport') ? ['cash'] : []),
  ];
  const payroll = f('payroll');
  const monthly = f('monthly-report');
  const settlement = f('settlement');
  const files = (list: readonly FileRef[] | undefined) => <FileList files={list ?? []} lang={ctx.lang} timeZone={ctx.names.timeZone} name={(id) => personName(ctx, id)} />;
  return (
    <Frame ctx={ctx} title={d.financeTitle}>
      <div class="page-heading">
        <h1>{d.financeTitle}</h1>
      </div>
      {data.entries.length === 0 ? <p>{d.notYours}</p> : null}
      {data.entries.includes('payroll') ? (
        <section aria-labelledby="payroll-heading" class="actions">
          {data.payroll ? (
            <p class="status-line">
              {d.payroll}: {d.recorded} {day(data.payroll.paidOn, ctx.lang)} ({data.payroll.onTime ? d.onTime : d.late})
            </p>
          ) : null}
          {data.payroll ? files(data.payroll.files) : null}
          <ActionForm f={payroll} name="finance.payroll" action={href('/finance/payroll', {}, ctx.lang)} csrf={ctx.csrf} submit={d.recordPayroll} idem={data.idem.payroll} heading={d.payroll}>
            <TextField f={payroll} name="month" label={d.payrollMonth} value={data.month} required hint="YYYY-MM" />
            <TextField f={payroll} name="paidOn" type="date" label={d.paidOn} value={data.today} required />
            <FileField f={payroll} maxBytes={data.maxFileBytes} />
          </ActionForm>
        </section>
      ) : null}
      {monthlyKinds.length > 0 ? (
        <section class="actions">
          <ActionForm f={monthly} name="finance.monthly-report" action={href('/finance/monthly-reports', {}, ctx.lang)} csrf={ctx.csrf} submit={d.sendReport} idem={data.idem.monthly} heading={d.monthlyReport}>
            <SelectField f={monthly} name="kind" label={d.monthlyReportKind} required options={monthlyKinds.map((k) => ({ value: k, label: d.monthlyKinds[k] ?? k }))} />
            <TextField f={monthly} name="month" label={d.month} value={data.month} required hint="YYYY-MM" />
            <TextArea f={monthly} name="content" label={d.content} required rows={6} maxlength={50000} />
            <FileField f={monthly} maxBytes={data.maxFileBytes} />
          </ActionForm>
        </section>
      ) : null}
      {data.entries.includes('settlement') ? (
        <section class="actions">
          <ActionForm f={settlement} name="finance.settlement" action={href('/finance/settlements', {}, ctx.lang)} csrf={ctx.csrf} submit={d.recordSettlement} idem={data.idem.settlement} heading={d.settlement}>
            <TextField f={settlement} name="dossierRef" label={d.dossierRef} required maxlength={200} />
            <TextField f={settlement} name="completeOn" type="date" label={d.completeOn} required />
            <TextField f={settlement} name="settledOn" type="date" label={d.settledOn} />
            <FileField f={settlement} label={d.dossierFiles} maxBytes={data.maxFileBytes} />
          </ActionForm>
          <h2 id="open-settlements">{d.openSettlements}</h2>
          {data.openSettlements.length === 0 ? <p>—</p> : null}
          <ul class="decision-list">
            {data.openSettlements.map((s) => {
              const form = f(`settle-${s.id}`);
              const more = f(`files-${s.id}`);
              return (
                <li class="decision">
                  <h3>{s.dossierRef}</h3>
                  <p class="decision-meta">
                    {d.completeOn}: {day(s.completeOn, ctx.lang)} · {d.dueOn}: {day(s.dueOn, ctx.lang)}
                  </p>
                  <ActionForm f={form} name="finance.settle" action={href(`/finance/settlements/${encodeURIComponent(s.id)}`, {}, ctx.lang)} csrf={ctx.csrf} submit={d.settle} version={s.version}>
                    <TextField f={form} name="settledOn" type="date" label={d.settledOn} value={data.today} required />
                  </ActionForm>
                  {files(s.files)}
                  <ActionForm f={more} name="finance.settlement-files" action={href(`/finance/settlements/${encodeURIComponent(s.id)}/files`, {}, ctx.lang)} csrf={ctx.csrf} submit={d.addFiles} version={s.version}>
                    <FileField f={more} label={d.dossierFiles} maxBytes={data.maxFileBytes} />
                  </ActionForm>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </Frame>
  );
}
