import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';

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
    private readonly client = new CognitoIdentityProviderClient({}),
  ) {}

  async createUser(person: { staffId: string; orgId: string; name: string; email?: string }): Promise<void> {
    try {
      await this.client.send(
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
      await this.client.send(new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: person.staffId }));
    }
  }

  async disableUser(staffId: string): Promise<void> {
    try {
      await this.client.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: staffId }));
    } catch (error) {
      if ((error as { name?: string }).name !== 'UserNotFoundException') throw error;
    }
  }
}
