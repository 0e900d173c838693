import { createHash } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/assignment.js';
import {
  monthlyReportId,
  payrollId,
  type MonthlyReport,
  type MonthlyReportKind,
  type PayrollRecord,
  type Settlement,
} from '../domain/finance.js';
import { toLocalDate } from '../domain/local-time.js';
import type { TableContext } from './client.js';
import { parseAuditEvent, parseMonthlyReport, parsePayroll, parseSettlement } from './parse-item.js';
import { entityPk, EntityStateItem, EVENT_SK_PREFIX, settlementKeys, SettlementItem, SettlementRefItem, STATE_SK } from './keys.js';
import { queryAll } from './query.js';
import { auditEventPut, transactWrite, statePut, type LabelledItem } from './transact.js';


type Entity = 'Payroll' | 'MonthlyReport' | 'Settlement';

export interface FinanceWrite<T extends { orgId: string; id: string; version: number }> {
  readonly next: T;
  readonly event: AuditEvent;
  /** Absent: a new record (written only if absent). */
  readonly expectedVersion?: number;
  readonly alsoWrite?: readonly LabelledItem[];
}

export const dossierRefHash = (ref: string) => createHash('sha256').update(ref.trim().toLowerCase()).digest('hex').slice(0, 32);

/**
 * Payroll (one per month), monthly finance reports (one per kind and month, each submission a new
 * version whose content the audit event keeps) and settlements. Each change: the state
 * (conditional), its audit event and any extra item, in one transaction.
 */
export class FinanceRepository {
  constructor(private readonly table: TableContext) {}

  private stateItem<T extends { orgId: string; id: string; version: number }>(
    entity: Entity,
    write: FinanceWrite<T>,
    keys: Record<string, string>,
  ): LabelledItem {
    return statePut(this.table.tableName, { ...keys, entity, ...write.next }, write.expectedVersion);
  }

  private async writeWith<T extends { orgId: string; id: string; version: number }>(
    entity: Entity,
    write: FinanceWrite<T>,
    keys: Record<string, string>,
  ): Promise<void> {
    await transactWrite(this.table, [
      this.stateItem(entity, write, keys),
      auditEventPut(this.table.tableName, { ...write.event }),
      ...(write.alsoWrite ?? []),
    ]);
  }

  private async getState<T>(orgId: string, id: string, entity: Entity, parse: (item: Record<string, unknown>) => T): Promise<T | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: { PK: entityPk(orgId, id), SK: STATE_SK }, ConsistentRead: true }),
    );
    return result.Item?.entity === entity ? parse(result.Item) : undefined;
  }

  writePayroll(write: FinanceWrite<PayrollRecord>): Promise<void> {
    return this.writeWith('Payroll', write, { PK: entityPk(write.next.orgId, write.next.id), SK: STATE_SK });
  }

  getPayroll(orgId: string, month: string): Promise<PayrollRecord | undefined> {
    return this.getState(orgId, payrollId(month), 'Payroll', parsePayroll);
  }

  writeMonthlyReport(write: FinanceWrite<MonthlyReport>): Promise<void> {
    return this.writeWith('MonthlyReport', write, { PK: entityPk(write.next.orgId, write.next.id), SK: STATE_SK });
  }

  getMonthlyReport(orgId: string, kind: MonthlyReportKind, month: string): Promise<MonthlyReport | undefined> {
    return this.getState(orgId, monthlyReportId(kind, month), 'MonthlyReport', parseMonthlyReport);
  }

  /** The report and every version's event (content included): one Query on its partition. */
  async getMonthlyReportWithVersions(orgId: string, kind: MonthlyReportKind, month: string) {
    const items = await queryAll(this.table, {
      ...EntityStateItem.patterns.primary.keyCondition({ orgId, id: monthlyReportId(kind, month) }),
      ConsistentRead: true,
    });
    const state = items.find((i) => i.SK === STATE_SK && i.entity === 'MonthlyReport');
    if (!state) return undefined;
    const events = items
      .filter((i) => typeof i.SK === 'string' && i.SK.startsWith(EVENT_SK_PREFIX))
            .map(parseAuditEvent);
    return { report: parseMonthlyReport(state), events };
  }

  private settlementKeysOf(s: Settlement, timeZone: string) {
    return settlementKeys({
      orgId: s.orgId,
      id: s.id,
      dueOn: s.dueOn,
      ...(s.settledRecordedAt ? { settledRecordedOn: toLocalDate(new Date(s.settledRecordedAt), timeZone) } : {}),
    });
  }

  /** A new settlement also claims its dossier reference, so one dossier is recorded once. */
  createSettlement(write: FinanceWrite<Settlement>, timeZone: string): Promise<void> {
    const { next } = write;
    const claim: LabelledItem = {
      label: 'dossier-ref',
      item: {
        Put: {
          TableName: this.table.tableName,
          Item: { ...SettlementRefItem.keys({ orgId: next.orgId, refHash: dossierRefHash(next.dossierRef) }), entity: 'SettlementRef', settlementId: next.id, dossierRef: next.dossierRef },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    };
    return this.writeWith('Settlement', { ...write, alsoWrite: [claim, ...(write.alsoWrite ?? [])] }, this.settlementKeysOf(next, timeZone));
  }

  updateSettlement(write: FinanceWrite<Settlement>, timeZone: string): Promise<void> {
    return this.writeWith('Settlement', write, this.settlementKeysOf(write.next, timeZone));
  }

  getSettlement(orgId: string, id: string): Promise<Settlement | undefined> {
    return this.getState(orgId, id, 'Settlement', parseSettlement);
  }

  /** Unsettled dossiers due on or before `dueTo`: the open partition of GSI3, up to that day. */
  async listUnsettledDueBy(orgId: string, dueTo: string): Promise<Settlement[]> {
    const byState = SettlementItem.patterns.byState;
    const items = await queryAll(this.table, byState.keyCondition({ orgId, state: 'open' }, { lte: byState.sk.through({ day: dueTo }) }));
    return items.map(parseSettlement);
  }

  /** Dossiers whose settlement was recorded on or after `from` (local day). */
  async listSettledRecordedSince(orgId: string, from: string): Promise<Settlement[]> {
    const byState = SettlementItem.patterns.byState;
    const items = await queryAll(this.table, byState.keyCondition({ orgId, state: 'settled' }, { gte: byState.sk.start({ day: from }) }));
    return items.map(parseSettlement);
  }
}
