import type { Logger } from '@aws-lambda-powertools/logger';
import type { DevTokenAuthority, TokenVerifier } from '../../shared/adapters/tokens.js';
import type { Clock } from '../../shared/domain/clock.js';
import type { EofficeSettingsSource } from '../../shared/adapters/webhook-secrets.js';
import type { Services } from '../../shared/services/index.js';
import type { HostedUiSettings } from '../../shared/adapters/hosted-ui.js';
import type { CursorCodec } from '../../shared/adapters/cursor-codec.js';
import type { Actor, OrganisationService } from '../../shared/services/organisation-service.js';
import type { RequestScope } from '../../shared/store/org-version.js';

/** What the app needs from outside; built once per process by functions/api/dependencies.ts. */
export interface AppDeps {
  readonly organisations: OrganisationService;
  readonly services: Services;
  readonly tokens: TokenVerifier;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Seals and opens every list's cursors (docs/security/cursors.md). */
  readonly cursors: CursorCodec;
  /**
   * Local/test mode: `/dev/*` routes and the `X-Clock` header. The Lambda entry point never sets
   * it, whatever the environment says.
   */
  readonly local?: {
    readonly devTokens: DevTokenAuthority;
    /**
     * Each JSON answer is checked against the OpenAPI document: `fail` (default) answers a mismatch
     * with a 500, `log` logs it; `off` (the bench) answers as the Lambda does, which never checks.
     */
    readonly responseValidation?: 'fail' | 'log' | 'off';
  };
  /**
   * A cold process's first request with credentials starts this while its route group's code
   * loads (the Lambda: the provider's keys and the organisation's records, issue #20); the
   * request's own checks then use what it read, or wait for it. Its failure is the request's
   * own reads' to report.
   */
  readonly prefetch?: (scope: RequestScope) => Promise<unknown>;
  /** Largest accepted request body, in bytes. */
  readonly maxBodyBytes?: number;
  /** The signed e-office integration (issue #7): each organisation's secrets, and the body limit of its calls. */
  readonly eoffice?: { readonly settings: EofficeSettingsSource; readonly maxBodyBytes?: number };
  /** The web pages' sign-in in AWS (issue #8): the Cognito hosted UI or the OIDC provider, authorization code + PKCE. */
  readonly signIn?: HostedUiSettings;
  /**
   * The evidence bucket's origin as browsers reach it (issue #22): the pages' uploads PUT there,
   * so the Content-Security-Policy's connect-src names it. FILES_UPLOAD_ORIGIN, or derived.
   */
  readonly filesOrigin?: string;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    logger: Logger;
    /** The business "now" of this request: the clock, or X-Clock in local mode. */
    now: Date;
    actor: Actor;
    /** This request's revalidations of the organisation (org-version.ts): made by the dispatcher, carried on by the actor. */
    scope: RequestScope | undefined;
  };
}
