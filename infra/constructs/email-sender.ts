import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { TrackerFunction } from './node-function.js';

// A bare address: SES v2 takes FromEmailAddress as given, and IAM compares ses:FromAddress with it.
const EMAIL_ADDRESS = /^[^\s@<>"]+@([a-z0-9-]+\.)+[a-z]{2,}$/i;

export function assertEmailAddress(address: string, name: string): void {
  if (!EMAIL_ADDRESS.test(address)) throw new Error(`${name} must be a bare e-mail address such as thongbao@sotttt.sonla.gov.vn`);
}

/**
 * NOTIFY_EMAIL_FROM and `ses:SendEmail` from that one address (shared/adapters/notifier.ts).
 * SES authorises against the verified identity, the address or its domain, so both are named,
 * and the condition keeps every other address of the domain out.
 */
export function allowEmailFrom(fn: TrackerFunction, address: string): void {
  assertEmailAddress(address, 'NOTIFY_EMAIL_FROM');
  const domain = address.slice(address.lastIndexOf('@') + 1);
  const identity = (name: string) =>
    Stack.of(fn).formatArn({ service: 'ses', resource: 'identity', resourceName: name, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
  fn.addEnvironment('NOTIFY_EMAIL_FROM', address);
  fn.allow(['ses:SendEmail'], [identity(address), identity(domain)], { StringEquals: { 'ses:FromAddress': address } });
}
