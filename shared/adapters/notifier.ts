import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Notification } from '../domain/notification.js';

/** A stored notification with who it goes to, as the channel needs it. */
export interface OutgoingNotification extends Notification {
  readonly recipient: { readonly name: string; readonly email?: string };
}

/** `no-address`: the channel cannot reach this person (no e-mail on record); the notification stays listed in the app. */
export type DeliveryOutcome = 'sent' | 'no-address';

/**
 * The channel notifications leave by. Pluggable: e-mail through SES in AWS, the log locally and
 * in tests. A thrown error means "try again later"; the caller keeps the notification undelivered.
 */
export interface Notifier {
  readonly channel: string;
  send(notification: OutgoingNotification): Promise<DeliveryOutcome>;
}

export interface LogSink {
  info(message: string, ...extra: unknown[]): void;
}

/** Local mode and tests: one structured log line per notification. */
export class LogNotifier implements Notifier {
  readonly channel = 'log';
  constructor(private readonly log: LogSink) {}

  async send(n: OutgoingNotification): Promise<DeliveryOutcome> {
    this.log.info('notification', { id: n.id, to: n.recipientId, kind: n.kind, subject: n.subject.vi, body: n.body.vi });
    return 'sent';
  }
}

/** The e-mail's text: Vietnamese, then the same in English below a rule (the records hold no language per person). */
export function emailText(n: Pick<Notification, 'subject' | 'body'>): string {
  return `${n.body.vi}\n\n——— English ———\n${n.subject.en}\n${n.body.en}\n`;
}

/** AWS: one plain-text e-mail (Vietnamese, then English) per notification through SES v2. */
export class SesNotifier implements Notifier {
  readonly channel = 'ses';
  constructor(
    private readonly fromAddress: string,
    private client?: SESv2Client,
  ) {}

  async send(n: OutgoingNotification): Promise<DeliveryOutcome> {
    if (!n.recipient.email) return 'no-address';
    // The SES client is loaded with the first e-mail, not at every cold start.
    const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2');
    this.client ??= new SESv2Client({});
    await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.fromAddress,
        Destination: { ToAddresses: [n.recipient.email] },
        Content: {
          Simple: {
            Subject: { Data: n.subject.vi, Charset: 'UTF-8' },
            Body: { Text: { Data: emailText(n), Charset: 'UTF-8' } },
          },
        },
      }),
    );
    return 'sent';
  }
}

/** SES when `NOTIFY_EMAIL_FROM` names a verified sender, else the log. Read once, at cold start. */
export function notifierFromEnv(env: NodeJS.ProcessEnv, log: LogSink): Notifier {
  const from = env.NOTIFY_EMAIL_FROM?.trim();
  return from ? new SesNotifier(from) : new LogNotifier(log);
}
