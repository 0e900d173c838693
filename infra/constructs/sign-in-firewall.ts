import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import type { UserPool } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface SignInFirewallProps {
  readonly provinceId: string;
  readonly userPool: UserPool;
  /** Requests one address may make in any 5 minutes before it is blocked. */
  readonly rateLimit: number;
}

/**
 * An optional AWS WAF web ACL (`-c wafRateLimit=<n>`) with a rate-based rule per source address,
 * on the Cognito user pool's sign-in. AWS WAF cannot be attached to an API Gateway HTTP API;
 * the API itself is protected by its stage and per-route throttles and the function's reserved
 * concurrency (infra/constructs/http-api.ts, infra/tracker-stack.ts).
 */
export class SignInFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: SignInFirewallProps) {
    super(scope, id);
    if (!Number.isInteger(props.rateLimit) || props.rateLimit < 10 || props.rateLimit > 2_000_000_000) {
      throw new Error(`-c wafRateLimit must be a whole number of requests per 5 minutes from 10 up, got ${props.rateLimit}`);
    }
    const metric = (name: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: `${props.provinceId}-${name}` });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      description: `Quy che tracker sign-in, rate limit per address, ${props.provinceId}`,
      visibilityConfig: metric('sign-in'),
      rules: [
        {
          name: 'rate-per-address',
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: props.rateLimit, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
          visibilityConfig: metric('sign-in-rate'),
        },
      ],
    });
    new CfnWebACLAssociation(this, 'UserPool', { resourceArn: props.userPool.userPoolArn, webAclArn: this.webAcl.attrArn });
  }
}
