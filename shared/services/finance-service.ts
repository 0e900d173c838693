/**
 * Finance records (Điều 9.2, 9.3), by the people the rulebook names in `finance.*.from`: the
 * accountant records the payroll (F2), the income-expense report (F1) and settlements (F3); the
 * treasurer the cash report (F5). Anyone else: 403, nothing written. Each record is written with
 * its audit event in one transaction; a `POST` takes an Idempotency-Key; updates are conditional
 * on the version (If-Match). After a record is stored, the rule it concerns re-checks its open
 * findings, so a late report resolves its finding as put right at once.
 */
import { ulid } from 'ulidx';
import type { AuditEvent } from '../domain/assignment.js';
import { isSelected } from '../domain/compliance/periodic.js';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, UnprocessableError } from '../domain/errors.js';
import {
  MONTHLY_REPORT_RULE,
  createSettlement,
  recordPayroll,
  settle,
  submitMonthlyReport,
  type FinanceChange,
  type MonthlyReport,
  type MonthlyReportKind,
  type PayrollRecord,
  type Settlement,
} from '../domain/finance.js';
import type { LocalDate, YearMonth } from '../domain/local-time.js';
import type { ObligedSelector } from '../rulebook/schema.js';
import type { FinanceRepository } from '../store/finance-repository.js';
import type { IdempotencyRepository } from '../store/idempotency-repository.js';
import type { LabelledItem } from '../store/transact.js';
import { attachedElsewhere, type FileService } from './file-service.js';
import type { FileRef } from '../domain/files.js';
import { auditVisibility } from './audit-service.js';
import { commit } from './commit.js';
import { IdempotentRequest } from './idempotent-request.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';

/** Re-checks a rule's open findings after a record was stored (ComplianceService.recheck). */
export type AfterFinanceRecord = (orgId: string, rule: string, at: Date) => Promise<void>;

export type FinanceEntry = 'payroll' | 'incomeExpenseReport' | 'cashReport' | 'settlement';
const WHAT: Record<FinanceEntry, string> = {
  payroll: 'record the payroll',
  incomeExpenseReport: 'submit the income-expense report',
  cashReport: 'submit the cash report',
  settlement: 'record settlements',
};

export class FinanceService {
  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly finance: FinanceRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly afterRecord: AfterFinanceRecord = async () => {},
    /** Evidence files (issue #22): the dossier's scans, the report's spreadsheet, taken in the record's transaction. */
    private readonly files?: Pick<FileService, 'claim'>,
  ) {}

  /** The caller's uploads for a finance record, after every other check (FileService.claim). */
  private async claimFiles(actor: Actor, ids: readonly string[] | undefined, kind: string, id: string, now: Date): Promise<{ files: FileRef[]; items: LabelledItem[] }> {
    if (!ids?.length) return { files: [], items: [] };
    if (!this.files) throw new UnprocessableError('Files are not configured on this server.', [{ path: 'body.files', message: 'no file storage' }]);
    return this.files.claim(actor, ids, { kind, id }, now);
  }

  private entryOf(ctx: OrgContext, entry: FinanceEntry): { rule: string; article: string; from: ObligedSelector } {
    const found = ctx.rulebook.finance[entry];
    if (!found) throw new NotFoundError(`The rulebook of ${ctx.orgId} keeps no ${entry} records.`);
    return found;
  }

  /** The finance roles come from the rulebook's selectors (the accountant, the treasurer). */
  private requireSelected(ctx: OrgContext, actor: Actor, entry: FinanceEntry) {
    const rule = this.entryOf(ctx, entry);
    const person = ctx.authority.staff(actor.staffId);
    if (!person || !isSelected(rule.from, person, ctx.snapshot.units)) {
      const roles = rule.from.roles.map((r) => ctx.rulebook.roles[r]?.en ?? r).join(' or ');
      throw new ForbiddenError(`Only the ${roles.toLowerCase()} may ${WHAT[entry]} (${rule.rule}, ${rule.article}).`, rule.rule);
    }
    return rule;
  }

  /** The director and the chief inspector, the chief of office (the reports' recipient) and the finance staff. */
  private canRead(ctx: OrgContext, actor: Actor): boolean {
    if (ctx.authority.viewScope(actor.staffId).kind === 'all' || actor.roles.includes('chief-of-office')) return true;
    const person = ctx.authority.staff(actor.staffId);
    return (
      person !== undefined &&
      (['payroll', 'incomeExpenseReport', 'cashReport', 'settlement'] as const).some((e) => {
        const entry = ctx.rulebook.finance[e];
        return entry !== undefined && isSelected(entry.from, person, ctx.snapshot.units);
      })
    );
  }

  private event(ctx: OrgContext, actor: Actor, entityType: string, change: FinanceChange<{ id: string; version: number }>, now: Date): AuditEvent {
    return {
      id: ulid(now.getTime()),
      orgId: ctx.orgId,
      entityType,
      entityId: change.next.id,
      action: change.action,
      actorId: actor.staffId,
      at: now.toISOString(),
      version: change.next.version,
      data: change.data,
    };
  }

  private async afterStored(orgId: string, rule: string, now: Date): Promise<void> {
    try {
      await this.afterRecord(orgId, rule, now);
    } catch (error) {
      // The record is stored; the rule's next scheduled run puts its findings right instead.
      console.warn(`Re-checking ${rule} after a finance record failed: ${(error as Error).message}`);
    }
  }

  /** A creating POST's Idempotency-Key. */
  private request(orgId: string, scope: string, key: string | undefined, input: unknown, now: Date): IdempotentRequest {
    return new IdempotentRequest({ repository: this.idempotency, orgId, scope, key, input, now });
  }

  /** Which finance records the actor keeps (the pages show only those forms): payroll, the monthly reports, settlements. */
  async entriesOf(actor: Actor): Promise<FinanceEntry[]> {
    const ctx = await this.contexts.load(actor);
    const person = ctx.authority.staff(actor.staffId);
    if (!person?.active) return [];
    return (['payroll', 'incomeExpenseReport', 'cashReport', 'settlement'] as const).filter((e) => {
      const entry = ctx.rulebook.finance[e];
      return entry !== undefined && isSelected(entry.from, person, ctx.snapshot.units);
    });
  }

  /** The settlements not yet settled, by due date (one Query on the open partition), for those who keep them. */
  async openSettlements(actor: Actor): Promise<Settlement[]> {
    const ctx = await this.contexts.load(actor);
    this.requireSelected(ctx, actor, 'settlement');
    return this.finance.listUnsettledDueBy(ctx.orgId, '9999-12-31');
  }

  /** POST /v1/finance/payroll: one record per month; a second for the same month is 409. */
  async recordPayroll(actor: Actor, input: { month: YearMonth; paidOn: LocalDate; files?: string[] }, now: Date, idempotencyKey?: string) {
    const ctx = await this.contexts.load(actor);
    const entry = this.requireSelected(ctx, actor, 'payroll');
    const rule = ctx.rulebook.finance.payroll!;
    const { files: ids, ...fields } = input;
    const result = await commit({
      idempotency: this.request(ctx.orgId, `finance.payroll.${actor.staffId}`, idempotencyKey, input, now),
      // One record per month: the month's record written meanwhile is a 409, not a race.
      raced: [],
      conflict: async (part) => {
        if (part === 'file') return attachedElsewhere();
        if (part !== 'state') return undefined;
        const existing = await this.finance.getPayroll(ctx.orgId, input.month);
        return new ConflictError(`The payroll of ${input.month} was already recorded${existing ? ` (paid on ${existing.paidOn})` : ''}.`);
      },
      decide: async () => {
        const recorded = recordPayroll({ orgId: ctx.orgId, ...fields, recordedBy: actor.staffId }, rule, ctx.calendar, now, ctx.rulebook.organisation.timeZone);
        const existing = await this.finance.getPayroll(ctx.orgId, input.month);
        if (existing) throw new ConflictError(`The payroll of ${input.month} was already recorded (paid on ${existing.paidOn}).`);
        const claimed = await this.claimFiles(actor, ids, 'payroll', recorded.next.id, now);
        const change = withFiles(recorded, claimed.files);
        return {
          result: change.next,
          status: 201,
          write: (extra) => this.finance.writePayroll({ next: change.next, event: this.event(ctx, actor, 'payroll', change, now), alsoWrite: [...claimed.items, ...extra] }),
        };
      },
    });
    if (!result.replayed) await this.afterStored(ctx.orgId, entry.rule, now);
    return result;
  }

  async getPayroll(actor: Actor, month: YearMonth): Promise<PayrollRecord> {
    const ctx = await this.contexts.load(actor);
    const found = this.canRead(ctx, actor) ? await this.finance.getPayroll(ctx.orgId, month) : undefined;
    if (!found) throw new NotFoundError(`There is no payroll record for ${month}.`);
    return found;
  }

  /**
   * POST /v1/finance/monthly-reports: stamped with the server time; a resubmission is a new
   * version (the first version's time decides lateness); If-Match guards a resubmission.
   */
  async submitMonthlyReport(
    actor: Actor,
    input: { kind: MonthlyReportKind; month: YearMonth; content: string; files?: string[] },
    now: Date,
    idempotencyKey?: string,
    ifMatch?: number,
  ) {
    const ctx = await this.contexts.load(actor);
    const entryName = MONTHLY_REPORT_RULE[input.kind];
    const entry = this.requireSelected(ctx, actor, entryName);
    const rule = ctx.rulebook.finance[entryName]!;
    const { files: ids, ...fields } = input;
    let claimed: { files: FileRef[]; items: LabelledItem[] } | undefined;
    const result = await commit({
      idempotency: this.request(ctx.orgId, `finance.monthly-report.${actor.staffId}`, idempotencyKey, input, now),
      load: () => this.finance.getMonthlyReport(ctx.orgId, input.kind, input.month),
      ifMatch: { expected: ifMatch, current: (current) => current?.version ?? 0 },
      stale: (current) => new PreconditionFailedError(`The report is at version ${current?.version ?? 0}, not ${ifMatch}.`, current?.version ?? 0),
      conflict: (part) => (part === 'file' ? attachedElsewhere() : undefined),
      decide: async (current) => {
        const submitted = submitMonthlyReport(current, { orgId: ctx.orgId, ...fields, submittedBy: actor.staffId }, rule, ctx.calendar, now, ctx.rulebook.organisation.timeZone);
        // Claimed once: a lost race retries the report on the fresh state with the same files.
        claimed ??= await this.claimFiles(actor, ids, 'monthly-report', submitted.next.id, now);
        const files = claimed;
        const change = withFiles(submitted, files.files, current?.files);
        return {
          result: change.next,
          status: 201,
          write: (extra) =>
            this.finance.writeMonthlyReport({
              next: change.next,
              event: this.event(ctx, actor, 'monthly-report', change, now),
              ...(current ? { expectedVersion: current.version } : {}),
              alsoWrite: [...files.items, ...extra],
            }),
        };
      },
    });
    if (!result.replayed) await this.afterStored(ctx.orgId, entry.rule, now);
    return result;
  }

  /** The report with every version submitted (content, time, who), oldest first. */
  async getMonthlyReport(actor: Actor, kind: MonthlyReportKind, month: YearMonth) {
    const ctx = await this.contexts.load(actor);
    const found = this.canRead(ctx, actor) ? await this.finance.getMonthlyReportWithVersions(ctx.orgId, kind, month) : undefined;
    if (!found) throw new NotFoundError(`There is no ${kind} report for ${month}.`);
    return {
      ...found.report,
      versions: found.events.map((e) => ({
        version: e.version,
        submittedAt: e.at,
        submittedBy: e.actorId,
        content: e.data.content,
        late: e.data.lateVersion,
      })),
    };
  }

  /** POST /v1/finance/settlements: one per dossier reference (409 for a second). */
  async createSettlement(
    actor: Actor,
    input: { dossierRef: string; completeOn: LocalDate; settledOn?: LocalDate; files?: string[] },
    now: Date,
    idempotencyKey?: string,
  ) {
    const ctx = await this.contexts.load(actor);
    const entry = this.requireSelected(ctx, actor, 'settlement');
    const rule = ctx.rulebook.finance.settlement!;
    const timeZone = ctx.rulebook.organisation.timeZone;
    const { files: ids, ...fields } = input;
    let dossierRef = input.dossierRef;
    const result = await commit({
      idempotency: this.request(ctx.orgId, `finance.settlement.${actor.staffId}`, idempotencyKey, input, now),
      conflict: (part) =>
        part === 'file' ? attachedElsewhere() : part === 'dossier-ref' ? new ConflictError(`Dossier ${dossierRef} is already recorded.`) : undefined,
      decide: async () => {
        const created = createSettlement({ id: ulid(now.getTime()), orgId: ctx.orgId, ...fields, recordedBy: actor.staffId }, rule, ctx.calendar, now, timeZone);
        const claimed = await this.claimFiles(actor, ids, 'settlement', created.next.id, now);
        const change = withFiles(created, claimed.files);
        dossierRef = change.next.dossierRef;
        return {
          result: change.next,
          status: 201,
          write: (extra) =>
            this.finance.createSettlement(
              { next: change.next, event: this.event(ctx, actor, 'settlement', { ...change, data: { ...change.data, settlement: change.next } }, now), alsoWrite: [...claimed.items, ...extra] },
              timeZone,
            ),
        };
      },
    });
    if (!result.replayed) await this.afterStored(ctx.orgId, entry.rule, now);
    return result;
  }

  /** PATCH /v1/finance/settlements/{id}: sets `settledOn`, once; If-Match with a stale version is 412. */
  async settle(actor: Actor, id: string, input: { settledOn: LocalDate }, now: Date, ifMatch?: number): Promise<Settlement> {
    const ctx = await this.contexts.load(actor);
    // Who may not read settlements gets the same 404 as GET answers them, whether or not the record exists.
    if (!this.canRead(ctx, actor)) throw new NotFoundError(`There is no settlement ${id}.`);
    const entry = this.requireSelected(ctx, actor, 'settlement');
    const timeZone = ctx.rulebook.organisation.timeZone;
    const { body } = await commit({
      load: async () => {
        const current = await this.finance.getSettlement(ctx.orgId, id);
        if (!current) throw new NotFoundError(`There is no settlement ${id}.`);
        return current;
      },
      ifMatch: { expected: ifMatch, current: (s) => s.version },
      stale: (s) =>
        s ? new PreconditionFailedError(`The settlement is at version ${s.version}, not ${ifMatch}.`, s.version) : new PreconditionFailedError('The settlement changed while it was being updated.'),
      decide: (current) => {
        const change = settle(current, input, now, timeZone);
        return {
          result: change.next,
          write: () => this.finance.updateSettlement({ next: change.next, event: this.event(ctx, actor, 'settlement', change, now), expectedVersion: current.version }, timeZone),
        };
      },
    });
    await this.afterStored(ctx.orgId, entry.rule, now);
    return body;
  }

  /**
   * POST /v1/finance/settlements/{id}/files: more of the dossier's files (a voucher, the signed
   * settlement) by the accountant. Uploads already kept by this dossier are skipped, so the same
   * request sent twice adds nothing twice.
   */
  async addSettlementFiles(actor: Actor, id: string, input: { files: string[] }, now: Date, ifMatch?: number): Promise<Settlement> {
    const ctx = await this.contexts.load(actor);
    if (!this.canRead(ctx, actor)) throw new NotFoundError(`There is no settlement ${id}.`);
    this.requireSelected(ctx, actor, 'settlement');
    const timeZone = ctx.rulebook.organisation.timeZone;
    const current = await this.finance.getSettlement(ctx.orgId, id);
    if (!current) throw new NotFoundError(`There is no settlement ${id}.`);
    if (ifMatch !== undefined && ifMatch !== current.version) {
      throw new PreconditionFailedError(`The settlement is at version ${current.version}, not ${ifMatch}.`, current.version);
    }
    const kept = new Set((current.files ?? []).map((f) => f.id));
    const ids = input.files.filter((f) => !kept.has(f));
    if (ids.length === 0) return current;
    const claimed = await this.claimFiles(actor, ids, 'settlement', id, now);
    const next: Settlement = { ...current, files: [...(current.files ?? []), ...claimed.files], updatedAt: now.toISOString(), version: current.version + 1 };
    // The files are taken: a lost race is refused, not claimed again.
    await commit({
      retry: false,
      stale: () => new PreconditionFailedError('The settlement changed while the files were being added; read it again.'),
      conflict: (part) => (part === 'file' ? attachedElsewhere() : undefined),
      decide: () => ({
        result: next,
        write: () =>
          this.finance.updateSettlement(
            { next, event: this.event(ctx, actor, 'settlement', { next, action: 'files-added', data: { files: claimed.files } }, now), expectedVersion: current.version, alsoWrite: claimed.items },
            timeZone,
          ),
      }),
    });
    return next;
  }

  async getSettlement(actor: Actor, id: string): Promise<Settlement> {
    const ctx = await this.contexts.load(actor);
    const found = this.canRead(ctx, actor) ? await this.finance.getSettlement(ctx.orgId, id) : undefined;
    if (!found) throw new NotFoundError(`There is no settlement ${id}.`);
    return found;
  }

  /** GET /v1/audit for finance records: whoever may read them. */
  readonly auditVisibility = auditVisibility(['payroll', 'monthly-report', 'settlement'], async (ctx, actor, entityId) => {
    if (!entityId.startsWith('fin-') && !/^[0-9A-HJKMNP-TV-Z]{26}$/.test(entityId)) return undefined;
    const exists = entityId.startsWith('fin-')
      ? await this.isFinanceRecord(ctx, entityId)
      : (await this.finance.getSettlement(ctx.orgId, entityId)) !== undefined;
    return exists ? this.canRead(ctx, actor) : undefined;
  });

  private async isFinanceRecord(ctx: OrgContext, entityId: string): Promise<boolean> {
    const m = /^fin-(payroll|income-expense|cash)-(\d{4}-\d{2})$/.exec(entityId);
    if (!m) return false;
    const [, kind, month] = m;
    return kind === 'payroll'
      ? (await this.finance.getPayroll(ctx.orgId, month!)) !== undefined
      : (await this.finance.getMonthlyReport(ctx.orgId, kind as MonthlyReportKind, month!)) !== undefined;
  }
}

/** The record and its event carry the files taken with this change (the record's list only grows). */
function withFiles<T extends { files?: readonly FileRef[] }>(change: FinanceChange<T>, files: readonly FileRef[], before: readonly FileRef[] = []): FinanceChange<T> {
  if (files.length === 0 && before.length === 0) return change;
  return { ...change, next: { ...change.next, files: [...before, ...files] }, data: files.length ? { ...change.data, files } : change.data };
}
