import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';

/** Read and write capacity units consumed, as DynamoDB reports them (table and indexes together). */
export interface CapacityUnits {
  read: number;
  write: number;
}

/** One data-plane call and what it consumed. */
export interface CapacityRecord extends CapacityUnits {
  readonly command: string;
}

/** Receives what every data-plane call consumed (see `StoreConfig.capacity`). */
export type CapacityRecorder = (record: CapacityRecord) => void;

// Every data-plane command, scans included, so that a scan anybody adds is measured too; the
// project itself never scans (DESIGN.md).
const command = (names: string[]) => new Set(names.map((n) => `${n}Command`));
const READS = command(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const WRITES = command(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

/** The commands that accept ReturnConsumedCapacity; control-plane calls (CreateTable…) do not. */
export const consumesCapacity = (command: string) => READS.has(command) || WRITES.has(command);

/** Sums a response's ConsumedCapacity (one entry, or one per table for batches and transactions). */
export function capacityOf(command: string, consumed: ConsumedCapacity | ConsumedCapacity[] | undefined): CapacityRecord {
  const entries = consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed];
  const units = entries.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
  return { command, read: READS.has(command) ? units : 0, write: WRITES.has(command) ? units : 0 };
}

/**
 * Adds up the capacity of the calls made while `measure` runs. Calls are attributed by time, so
 * measure one operation at a time (the bench and tests do).
 */
export class CapacityMeter {
  private current: CapacityRecord[] | undefined;

  readonly recorder: CapacityRecorder = (record) => {
    this.current?.push(record);
  };

  async measure<T>(operation: () => Promise<T>): Promise<{ result: T; units: CapacityUnits; calls: CapacityRecord[] }> {
    if (this.current) throw new Error('CapacityMeter measures one operation at a time');
    const calls: CapacityRecord[] = [];
    this.current = calls;
    try {
      const result = await operation();
      const units = calls.reduce((sum, c) => ({ read: sum.read + c.read, write: sum.write + c.write }), { read: 0, write: 0 });
      return { result, units, calls };
    } finally {
      this.current = undefined;
    }
  }
}
