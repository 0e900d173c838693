import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TrackerFunction } from './node-function.js';
import { FORM_PAGE_PREFIXES, READ_PAGE_PREFIXES } from '../../functions/api/session.js';

/** Who signs the bearer tokens the API accepts. */
export interface JwtIssuer {
  readonly issuer: string;
  readonly audience: string[];
  readonly jwksUrl: string;
}

/** Requests per second (steady, burst) one route takes across all callers; API Gateway answers 429 beyond. */
export interface RouteThrottle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/**
 * The unauthenticated routes get limits of their own, well under the stage's, so a flood of
 * them (forged webhooks, feed polling, page loads) cannot take the stage's whole capacity.
 */
export const PUBLIC_ROUTE_THROTTLES = {
  // E-office calls come a few per incoming document.
  webhook: { rateLimit: 10, burstLimit: 20 },
  // Calendar applications poll each feed every few minutes.
  feed: { rateLimit: 5, burstLimit: 10 },
  // A department of 30–60 people opening pages and signing in.
  page: { rateLimit: 20, burstLimit: 40 },
  // The API reference and the stylesheet.
  static: { rateLimit: 10, burstLimit: 20 },
} as const satisfies Record<string, RouteThrottle>;

interface PublicRoute {
  readonly method: HttpMethod;
  readonly path: string;
  readonly why: string;
  readonly throttle: RouteThrottle;
}

/**
 * The only routes API Gateway lets through without a bearer token; the function authenticates
 * those that need it (webhook signature, session cookie or feed token). Everything else goes
 * through the JWT authorizer.
 */
export const PUBLIC_ROUTES: readonly PublicRoute[] = [
  { method: HttpMethod.GET, path: '/v1/openapi.json', why: 'the OpenAPI document is public API documentation', throttle: PUBLIC_ROUTE_THROTTLES.static },
  { method: HttpMethod.GET, path: '/docs', why: 'the API reference page renders the public OpenAPI document', throttle: PUBLIC_ROUTE_THROTTLES.static },
  {
    method: HttpMethod.POST,
    path: '/v1/integrations/{proxy+}',
    why: 'e-office systems call in machine-to-machine and every request is verified by its webhook signature in the function',
    throttle: PUBLIC_ROUTE_THROTTLES.webhook,
  },
  {
    method: HttpMethod.GET,
    path: '/',
    why: 'the site root only redirects a browser to its landing page',
    throttle: PUBLIC_ROUTE_THROTTLES.page,
  },
  ...[...new Set([...READ_PAGE_PREFIXES, ...FORM_PAGE_PREFIXES])].flatMap((prefix) => [prefix, `${prefix}/{proxy+}`]).map((path) => ({
    method: HttpMethod.GET,
    path,
    why: 'a browser opens this page with its session cookie, not a bearer token; the function checks the session and redirects to sign-in without one',
    throttle: PUBLIC_ROUTE_THROTTLES.page,
  })),
  ...FORM_PAGE_PREFIXES.flatMap((prefix) => [prefix, `${prefix}/{proxy+}`]).map((path) => ({
    method: HttpMethod.POST,
    path,
    why: 'a workspace form posts with the session cookie, not a bearer token; the function accepts it only from the same origin with the session’s CSRF token, then authorises the action as the API does',
    throttle: PUBLIC_ROUTE_THROTTLES.page,
  })),
  {
    method: HttpMethod.GET,
    path: '/assets/{proxy+}',
    why: 'stylesheets and scripts of the pages, including the sign-in page, are static files that hold no data',
    throttle: PUBLIC_ROUTE_THROTTLES.static,
  },
  {
    method: HttpMethod.GET,
    path: '/auth/{proxy+}',
    why: 'the sign-in flow itself (sign-in page, redirect to the provider, OAuth callback with the code and PKCE verifier) runs before the browser has a session',
    throttle: PUBLIC_ROUTE_THROTTLES.page,
  },
  {
    method: HttpMethod.POST,
    path: '/auth/sign-out',
    why: 'the sign-out form posts with the session cookie, not a bearer token; the function only ends that session',
    throttle: PUBLIC_ROUTE_THROTTLES.page,
  },
  {
    method: HttpMethod.GET,
    path: '/v1/calendar/feeds/{proxy+}',
    why: 'calendar applications cannot send a bearer token; each iCalendar feed URL carries a per-person feed token the function verifies',
    throttle: PUBLIC_ROUTE_THROTTLES.feed,
  },
];

const PROTECTED_PATHS = ['/{proxy+}', '/v1/{proxy+}', '/dashboard'] as const;

export interface TrackerHttpApiProps {
  readonly provinceId: string;
  readonly handler: TrackerFunction;
  readonly auth: JwtIssuer;
  /** Steady-state requests per second across the stage. */
  readonly rateLimit?: number;
  readonly burstLimit?: number;
}

/**
 * The HTTP API in front of the one API Lambda. A JWT authorizer is the API's default, so a
 * route added later is protected unless it is deliberately listed in PUBLIC_ROUTES. The function
 * also gets AUTH_ISSUER / AUTH_AUDIENCE / AUTH_JWKS_URL to read the verified claims itself.
 */
export class TrackerHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: TrackerHttpApiProps) {
    super(scope, id);

    const authorizer = new HttpJwtAuthorizer('Jwt', props.auth.issuer, {
      jwtAudience: props.auth.audience,
      identitySource: ['$request.header.Authorization'],
    });
    this.api = new HttpApi(this, 'Api', {
      apiName: `quy-che-tracker-${props.provinceId}`,
      description: `Quy che tracker API (${props.provinceId})`,
      createDefaultStage: false,
      defaultAuthorizer: authorizer,
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 100, burstLimit: props.burstLimit ?? 200 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            sourceIp: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            routeKey: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            responseLatency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sub: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });

    const integration = new HttpLambdaIntegration('Lambda', props.handler.fn);
    for (const path of PROTECTED_PATHS) {
      this.api.addRoutes({ path, methods: [HttpMethod.ANY], integration });
    }
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const route of PUBLIC_ROUTES) {
      const [created] = this.api.addRoutes({
        path: route.path,
        methods: [route.method],
        integration,
        authorizer: new HttpNoneAuthorizer(),
      });
      routeSettings[`${route.method} ${route.path}`] = {
        ThrottlingRateLimit: route.throttle.rateLimit,
        ThrottlingBurstLimit: route.throttle.burstLimit,
      };
      // The stage's route settings name the route: it must exist first.
      if (created) this.stage.node.addDependency(created);
      if (created) {
        Validations.of(created).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is deliberately public: ${route.why}.`,
        });
      }
    }

    (this.stage.node.defaultChild as CfnStage).routeSettings = routeSettings;

    props.handler.addEnvironment('AUTH_ISSUER', props.auth.issuer);
    props.handler.addEnvironment('AUTH_AUDIENCE', props.auth.audience.join(','));
    props.handler.addEnvironment('AUTH_JWKS_URL', props.auth.jwksUrl);
  }

  get url(): string {
    return this.stage.url;
  }
}
