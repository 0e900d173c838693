import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { TrackerFunction } from './node-function.js';

/**
 * The key that seals the lists' pagination cursors (docs/security/cursors.md): a Secrets Manager
 * secret `{"current": "<random>"}` generated at deployment, read by the API on its first list
 * request (CURSOR_SECRET_ID). Cursors last an hour, so nothing is lost with it: it goes with the stack.
 */
export class CursorKey extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string, props: { readonly provinceId: string; readonly readers: readonly TrackerFunction[] }) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      secretName: `quy-che-tracker/${props.provinceId}/cursor-key`,
      description: 'Seals pagination cursors (AES-256-GCM): {"current": "...", "previous"?: "..."}; rotate as docs/security/cursors.md says.',
      generateSecretString: { secretStringTemplate: '{}', generateStringKey: 'current', passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'A rotation Lambda would add a function for a key whose cursors expire within an hour; an operator rotates it by hand with "current" and "previous", as docs/security/cursors.md describes.',
    });
    for (const reader of props.readers) {
      reader.allow(['secretsmanager:GetSecretValue'], [this.secret.secretArn]);
      reader.addEnvironment('CURSOR_SECRET_ID', this.secret.secretArn);
    }
  }
}
