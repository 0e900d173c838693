/**
 * A unit's or a person's counted figures in a period, read from the counter items the way the
 * dashboard reads them (one item per person and month, each figure by ISO week: see
 * shared/domain/counter-rebuild.ts): a unit's figures are the sum of its people's.
 */
import { counterPartitionsOf } from '../../shared/domain/dashboard.js';
import { parsePeriod } from '../../shared/domain/periods.js';
import type { TableContext } from '../../shared/store/client.js';
import { CounterRepository } from '../../shared/store/counter-repository.js';
import { personCounterSk } from '../../shared/store/keys.js';

export async function counterFigures(table: TableContext, orgId: string, periodId: string, unitId: string, staffId?: string): Promise<Record<string, number>> {
  const period = parsePeriod(periodId);
  if (!period) throw new Error(`not a period: ${periodId}`);
  const prefix = staffId === undefined ? `UNIT#${unitId}#STAFF#` : personCounterSk(unitId, staffId);
  const items = await new CounterRepository(table).read(orgId, counterPartitionsOf(period), [prefix], period.kind === 'week' ? period.id : undefined);
  const out: Record<string, number> = {};
  for (const item of items) {
    if (staffId !== undefined && item.sk !== prefix) continue;
    for (const [figure, value] of Object.entries(item.values)) out[figure] = (out[figure] ?? 0) + value;
  }
  return out;
}
