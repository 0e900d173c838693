import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  Table,
  TableEncryption,
  type Attribute,
} from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { trackerTable, type KeyAttribute, type TableDefinition } from '../../shared/store/table-definition.js';

/**
 * The item actions a function may be granted. Scan is not one of them: every access pattern is
 * a Query or GetItem (DESIGN.md), so IAM enforces it too. A TransactWriteItems is authorised item
 * by item (PutItem, UpdateItem, ConditionCheckItem), so it needs no action of its own.
 */
export type TableItemAction =
  | 'GetItem'
  | 'BatchGetItem'
  | 'Query'
  | 'ConditionCheckItem'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'BatchWriteItem';

export interface TableAccess {
  /** Granted on the table itself. */
  readonly actions: readonly TableItemAction[];
  /** The indexes the function queries (Query only), when `actions` has Query. @default every index */
  readonly indexes?: readonly string[];
}

const toCdkAttribute = (attribute: KeyAttribute): Attribute => ({
  name: attribute.name,
  type: attribute.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER,
});

/**
 * The tracker's single table, built from shared/store/table-definition.ts.
 *
 * Encryption is the AWS-managed key (aws/dynamodb): cdk-nag's AwsSolutions pack does not ask
 * for a customer-managed key on DynamoDB, the AWS-managed key is still KMS (use is logged in
 * CloudTrail), and it needs no key policy nor kms:Decrypt grants on every function.
 */
export class TrackerTable extends Construct {
  readonly table: Table;
  readonly definition: TableDefinition;

  constructor(scope: Construct, id: string, definition: TableDefinition = trackerTable) {
    super(scope, id);
    this.definition = definition;
    this.table = new Table(this, 'Table', {
      partitionKey: toCdkAttribute(definition.partitionKey),
      sortKey: toCdkAttribute(definition.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: definition.timeToLiveAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of definition.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: toCdkAttribute(index.partitionKey),
        sortKey: toCdkAttribute(index.sortKey),
        projectionType: index.projection === 'KEYS_ONLY' ? ProjectionType.KEYS_ONLY : ProjectionType.ALL,
      });
    }
  }

  get tableName(): string {
    return this.table.tableName;
  }

  /** One ARN per index, named: no `index/*` wildcard in any policy. */
  indexArns(indexNames: readonly string[] = this.definition.globalIndexes.map((index) => index.indexName)): string[] {
    const known = new Set(this.definition.globalIndexes.map((index) => index.indexName));
    const unknown = indexNames.filter((name) => !known.has(name));
    if (unknown.length > 0) throw new Error(`The table has no index ${unknown.join(', ')}`);
    return indexNames.map((name) => `${this.table.tableArn}/index/${name}`);
  }

  /** Exactly `access.actions` on the table; on the indexes only Query, the one action an index serves. */
  grant(grantee: IGrantable, access: TableAccess): Grant {
    if (access.actions.length === 0) throw new Error('A table grant needs at least one action');
    const indexArns = access.actions.includes('Query') ? this.indexArns(access.indexes) : [];
    const onTable = Grant.addToPrincipal({
      grantee,
      actions: [...new Set(access.actions)].map((action) => `dynamodb:${action}`),
      resourceArns: [this.table.tableArn],
    });
    if (indexArns.length === 0) return onTable;
    return onTable.combine(Grant.addToPrincipal({ grantee, actions: ['dynamodb:Query'], resourceArns: indexArns }));
  }
}
