/**
 * The arithmetic of the monthly estimate (issue #20.6), pure: the price list of
 * scripts/bench/aws-prices.json, the bill of a month's operations at those prices, and how often
 * an EventBridge cron fires in a month. Unit-tested in test/unit/bench-cost.test.ts; the workload
 * and the measurements are in cost.ts.
 */
import { readFileSync } from 'node:fs';

// ---------------------------------------------------------------------------------------------
// Prices and the arithmetic (pure)

export interface Price {
  readonly usd: number;
  readonly per: number;
  readonly unit: string;
  readonly source: string;
}

export interface PriceList {
  readonly region: string;
  readonly currency: string;
  readonly asOf: string;
  readonly note: string;
  readonly prices: Readonly<Record<PriceName, Price>>;
}

export type PriceName =
  | 'dynamodbWriteRequestUnit'
  | 'dynamodbReadRequestUnit'
  | 'dynamodbStorageGbMonth'
  | 'lambdaRequest'
  | 'lambdaGbSecondArm'
  | 'httpApiRequest'
  | 'schedulerInvocation'
  | 'logsIngestionGb';

export function loadPrices(path = new URL('./aws-prices.json', import.meta.url)): PriceList {
  return JSON.parse(readFileSync(path, 'utf8')) as PriceList;
}

/** One kind of operation: what one costs, and how many a month brings. */
export interface MonthlyOperation {
  readonly name: string;
  readonly perMonth: number;
  /** Read request units of one (eventually consistent reads: 0.5 per 4 KB). */
  readonly readUnits: number;
  /** Write request units of one, as AWS prices them (transactional items 2 per KB). */
  readonly writeUnits: number;
  /** Billed Lambda duration of one, ms (the handler's wall time). */
  readonly lambdaMs: number;
  /** Through API Gateway (an HTTP request) or invoked by EventBridge Scheduler. */
  readonly via: 'api' | 'scheduler';
}

export interface CostAssumptions {
  readonly lambdaMemoryMb: number;
  /** Cold starts a month (each bills its init duration). */
  readonly coldStartsPerMonth: number;
  readonly coldStartMs: number;
  /** CloudWatch Logs bytes per invocation (platform START/END/REPORT lines and the app's INFO lines). */
  readonly logBytesPerInvocation: number;
  /** Bytes stored (table and indexes, with DynamoDB's 100 bytes per item and index entry). */
  readonly storedBytes: number;
}

export interface CostLine {
  readonly service: string;
  readonly quantity: number;
  readonly unit: string;
  readonly usd: number;
}

export interface CostEstimate {
  readonly lines: CostLine[];
  readonly totalUsd: number;
}

const GB = 1024 ** 3;

export function estimateMonthlyCost(operations: readonly MonthlyOperation[], a: CostAssumptions, prices: PriceList): CostEstimate {
  const p = prices.prices;
  const cost = (name: PriceName, quantity: number) => (quantity * p[name].usd) / p[name].per;
  const sum = (f: (o: MonthlyOperation) => number) => operations.reduce((s, o) => s + o.perMonth * f(o), 0);
  const reads = sum((o) => o.readUnits);
  const writes = sum((o) => o.writeUnits);
  const invocations = sum(() => 1);
  const apiRequests = operations.filter((o) => o.via === 'api').reduce((s, o) => s + o.perMonth, 0);
  const scheduled = invocations - apiRequests;
  const gbSeconds = ((sum((o) => o.lambdaMs) + a.coldStartsPerMonth * a.coldStartMs) / 1000) * (a.lambdaMemoryMb / 1024);
  const storageGb = a.storedBytes / GB;
  const logGb = (invocations * a.logBytesPerInvocation) / GB;
  const lines: CostLine[] = [
    { service: 'DynamoDB read request units', quantity: reads, unit: 'RRU', usd: cost('dynamodbReadRequestUnit', reads) },
    { service: 'DynamoDB write request units', quantity: writes, unit: 'WRU', usd: cost('dynamodbWriteRequestUnit', writes) },
    { service: 'DynamoDB storage', quantity: storageGb, unit: 'GB-month', usd: cost('dynamodbStorageGbMonth', storageGb) },
    { service: 'Lambda requests', quantity: invocations, unit: 'requests', usd: cost('lambdaRequest', invocations) },
    { service: `Lambda duration (${a.lambdaMemoryMb} MB, Arm)`, quantity: gbSeconds, unit: 'GB-s', usd: cost('lambdaGbSecondArm', gbSeconds) },
    { service: 'API Gateway HTTP API', quantity: apiRequests, unit: 'requests', usd: cost('httpApiRequest', apiRequests) },
    { service: 'EventBridge Scheduler', quantity: scheduled, unit: 'invocations', usd: cost('schedulerInvocation', scheduled) },
    { service: 'CloudWatch Logs ingestion', quantity: logGb, unit: 'GB', usd: cost('logsIngestionGb', logGb) },
  ];
  return { lines, totalUsd: lines.reduce((s, l) => s + l.usd, 0) };
}

/**
 * How often a six-field EventBridge cron (`cron(min hour dom month dow year)`) fires in an
 * average month: daily, on given weekdays, on given days of every month, or of given months.
 */
export function cronRunsPerMonth(cron: string): number {
  const m = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(cron);
  if (!m) throw new Error(`Not a six-field cron: ${cron}`);
  const [, minute, hour, dom, month, dow] = m as unknown as [string, string, string, string, string, string];
  const count = (field: string) => (field === '*' ? undefined : field.split(',').length);
  const times = (count(minute) ?? 60) * (count(hour) ?? 24);
  const days =
    dom === '?'
      ? dow === '*' || dow === '?'
        ? 365.25 / 12
        : (dow.includes('-') ? 5 : dow.split(',').length) * (365.25 / 7 / 12)
      : dom === '*'
        ? 365.25 / 12
        : dom.split(',').length;
  const months = month === '*' ? 1 : month.split(',').length / 12;
  return times * days * months;
}
