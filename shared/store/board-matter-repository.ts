import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/assignment.js';
import type { BoardMatter } from '../domain/board-matter.js';
import type { TableContext } from './client.js';
import { parseAuditEvent, parseBoardMatter } from './parse-item.js';
import { AuditEventItem, BoardMatterItem, boardMatterKeys, entityPk, EVENT_SK_PREFIX, STATE_SK } from './keys.js';
import { queryAll } from './query.js';
import { auditEventPut, transactWrite, statePut, type LabelledItem } from './transact.js';

/** Board matters (A5): the matter and its history in one partition; GSI1 by year. */
export class BoardMatterRepository {
  constructor(private readonly table: TableContext) {}

  /** Writes the matter with its audit event; `expectedVersion` absent creates it. */
  async save(matter: BoardMatter, event: AuditEvent, expectedVersion?: number, alsoWrite: readonly LabelledItem[] = []): Promise<void> {
    await transactWrite(this.table, [
      statePut(this.table.tableName, { ...boardMatterKeys(matter), entity: 'BoardMatter', ...matter }, expectedVersion),
      auditEventPut(this.table.tableName, { ...event }),
      ...alsoWrite,
    ]);
  }

  async get(orgId: string, id: string): Promise<BoardMatter | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: { PK: entityPk(orgId, id), SK: STATE_SK }, ConsistentRead: true }),
    );
    return result.Item?.entity === 'BoardMatter' ? parseBoardMatter(result.Item) : undefined;
  }

  async history(orgId: string, id: string): Promise<AuditEvent[]> {
    const items = await queryAll(this.table, {
            ...AuditEventItem.patterns.primary.keyCondition({ orgId, entityId: id }, { beginsWith: EVENT_SK_PREFIX }),
      ConsistentRead: true,
    });
    return items.map(parseAuditEvent);
  }

  /** The matters of the years [fromYear, toYear], oldest first: one Query. */
  async ofYears(orgId: string, fromYear: number, toYear: number): Promise<BoardMatter[]> {
    const byYear = BoardMatterItem.patterns.byYear;
    const items = await queryAll(this.table, byYear.keyCondition({ orgId }, { between: [byYear.sk.prefix({ year: fromYear }), byYear.sk.through({ year: toYear })] }));
    return items.map(parseBoardMatter);
  }
}
