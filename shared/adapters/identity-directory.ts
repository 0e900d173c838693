import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

// The Cognito client is loaded when someone is added or leaves, not at every cold start.
const cognito = () => import('@aws-sdk/client-cognito-identity-provider');

/** Where people sign in. In AWS a Cognito user pool; locally the records alone (dev tokens follow them). */
export interface IdentityDirectory {
  /** Creates (or re-enables) the sign-in for a staff member. Idempotent. */
  createUser(person: { staffId: string; orgId: string; name: string; email?: string }): Promise<void>;
  /** Disables the sign-in of someone whose employment ended. Idempotent. */
  disableUser(staffId: string): Promise<void>;
}

/** Local mode: nothing to do, because dev tokens are only issued to, and accepted for, current records. */
export const recordsOnlyDirectory: IdentityDirectory = {
  async createUser() {},
  async disableUser() {},
};

/** Cognito: the username is the staff id; `custom:staffId` and `custom:orgId` name the record. */
export class CognitoIdentityDirectory implements IdentityDirectory {
  constructor(
    private readonly userPoolId: string,
    private client?: CognitoIdentityProviderClient,
  ) {}

  private async sdk() {
    const sdk = await cognito();
    return { ...sdk, client: (this.client ??= new sdk.CognitoIdentityProviderClient({})) };
  }

  async createUser(person: { staffId: string; orgId: string; name: string; email?: string }): Promise<void> {
    const { client, AdminCreateUserCommand, AdminEnableUserCommand, UsernameExistsException } = await this.sdk();
    try {
      await client.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: person.staffId,
          UserAttributes: [
            { Name: 'custom:staffId', Value: person.staffId },
            { Name: 'custom:orgId', Value: person.orgId },
            { Name: 'name', Value: person.name },
            ...(person.email ? [{ Name: 'email', Value: person.email }, { Name: 'email_verified', Value: 'true' }] : []),
          ],
          DesiredDeliveryMediums: person.email ? ['EMAIL'] : [],
        }),
      );
    } catch (error) {
      if (!(error instanceof UsernameExistsException)) throw error;
      await client.send(new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: person.staffId }));
    }
  }

  async disableUser(staffId: string): Promise<void> {
    const { client, AdminDisableUserCommand } = await this.sdk();
    try {
      await client.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: staffId }));
    } catch (error) {
      if ((error as { name?: string }).name !== 'UserNotFoundException') throw error;
    }
  }
}
