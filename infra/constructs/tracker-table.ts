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

export type TableAccess = 'read' | 'readWrite';

// No Scan: every access pattern is a Query or GetItem (DESIGN.md), so IAM enforces it too.
// ConditionCheckItem lets a read-only caller take part in a TransactWriteItems check.
const READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
] as const;
const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

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
        projectionType: ProjectionType.ALL,
      });
    }
  }

  get tableName(): string {
    return this.table.tableName;
  }

  /** One ARN per index, named: no `index/*` wildcard in any policy. */
  get indexArns(): string[] {
    return this.definition.globalIndexes.map((index) => `${this.table.tableArn}/index/${index.indexName}`);
  }

  /** Item actions on the table; on the indexes only Query, the one action an index serves. */
  grant(grantee: IGrantable, access: TableAccess): Grant {
    const actions = access === 'readWrite' ? [...READ_ACTIONS, ...WRITE_ACTIONS] : [...READ_ACTIONS];
    const onTable = Grant.addToPrincipal({ grantee, actions, resourceArns: [this.table.tableArn] });
    const onIndexes = Grant.addToPrincipal({
      grantee,
      actions: ['dynamodb:Query'],
      resourceArns: this.indexArns,
    });
    return onTable.combine(onIndexes);
  }
}
