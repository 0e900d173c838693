/** What the cold-start bench serves and sets on 127.0.0.1 so each function starts as deployed: the JWKS, Secrets Manager, the event, the environment. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { LAMBDA_BASE_ENVIRONMENT } from '../../infra/constructs/lambda-bundling.js';

export const AUDIENCE = 'bench-client';

/**
 * On 127.0.0.1, what the deployed API reaches besides DynamoDB on a first list: the JWKS its
 * RS256 tokens are verified against (Cognito's), and Secrets Manager's GetSecretValue for the
 * cursor key (a list's first page seals the cursor of the next).
 */
export async function startLocalIdentityAndSecrets() {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256', use: 'sig' };
  const cursorKey = JSON.stringify({ current: 'bench-cursor-key-0123456789abcdef0123456789' });
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/.well-known/jwks.json') {
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    }
    if (req.method === 'POST' && req.headers['x-amz-target'] === 'secretsmanager.GetSecretValue') {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      return void req.on('end', () => {
        const { SecretId } = JSON.parse(body) as { SecretId: string };
        res
          .writeHead(200, { 'content-type': 'application/x-amz-json-1.1' })
          .end(JSON.stringify({ ARN: SecretId, Name: SecretId, SecretString: cursorKey, VersionId: 'bench', VersionStages: ['AWSCURRENT'], CreatedDate: 0 }));
      });
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUrl: `${issuer}/.well-known/jwks.json`,
    token: (staffId: string, orgId: string) =>
      new SignJWT({ staffId, orgId })
        .setProtectedHeader({ alg: 'RS256', kid: 'bench', typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(AUDIENCE)
        .setSubject(staffId)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export function apiGatewayEvent(path: string, token: string) {
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { accept: 'application/json', authorization: `Bearer ${token}`, host: 'api.bench.invalid', 'x-forwarded-proto': 'https', 'user-agent': 'bench' },
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'api.bench.invalid',
      domainPrefix: 'api',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: 'bench-request',
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: false,
  };
}

/**
 * What each deployed function finds in its environment, with local values: every name infra sets
 * (test/infra/lambda-bundling.test.ts checks the names against the synthesized stack, e-mail and
 * Cognito included), LAMBDA_BASE_ENVIRONMENT as it is, and what the Lambda runtime adds.
 * DynamoDB and Secrets Manager are reached at the SDK's AWS_ENDPOINT_URL_<SERVICE>.
 */
export function lambdaEnvironments(local: { tableName: string; dynamoEndpoint: string; localAwsUrl: string; issuer: string; jwksUrl: string }) {
  const region = 'ap-southeast-1';
  const runtime = (functionName: string) => ({
    ...LAMBDA_BASE_ENVIRONMENT,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SESSION_TOKEN: 'local',
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    AWS_ENDPOINT_URL_DYNAMODB: local.dynamoEndpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: local.localAwsUrl,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    TZ: 'UTC',
  });
  const tracker = (serviceName: string) => ({ ...runtime(serviceName), POWERTOOLS_SERVICE_NAME: serviceName, PROVINCE_ID: 'son-la', TABLE_NAME: local.tableName });
  const eofficeSecret = 'quy-che-tracker/eoffice/{orgId}';
  const sender = 'no-reply@bench.invalid';
  return {
    baseline: { ...runtime('bench-baseline'), TABLE_NAME: local.tableName },
    api: {
      ...tracker('tracker-api'),
      AUTH_ISSUER: local.issuer,
      AUTH_AUDIENCE: AUDIENCE,
      AUTH_JWKS_URL: local.jwksUrl,
      AUTH_CLIENT_ID: AUDIENCE,
      AUTH_HOSTED_UI_URL: 'https://sign-in.bench.invalid',
      USER_POOL_ID: `${region}_bench`,
      EOFFICE_SECRET_ID: eofficeSecret,
      CURSOR_SECRET_ID: `arn:aws:secretsmanager:${region}:000000000000:secret:cursor-key`,
      NOTIFY_EMAIL_FROM: sender,
      // The evidence bucket: named only; the first event touches no file.
      FILES_BUCKET: 'quy-che-files-bench',
      // The pages' CSP names the bucket's origin (infra sets the regional endpoint).
      FILES_UPLOAD_ORIGIN: `https://quy-che-files-bench.s3.${region}.amazonaws.com`,
    },
    compliance: { ...tracker('tracker-compliance'), NOTIFY_EMAIL_FROM: sender },
    eoffice: {
      ...tracker('tracker-eoffice-dispatcher'),
      EOFFICE_SECRET_ID: eofficeSecret,
      EOFFICE_DLQ_URL: `https://sqs.${region}.amazonaws.com/000000000000/bench-failed-deliveries`,
    },
  };
}
