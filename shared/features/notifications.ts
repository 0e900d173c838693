/** Notifications (issue #4): stored, listed in the app, and sent by e-mail (SES) or to the log. */
import { Logger } from '@aws-lambda-powertools/logger';
import { notifierFromEnv } from '../adapters/notifier.js';
import { NotificationService } from '../services/notification-service.js';
import { NotificationRepository } from '../store/notification-repository.js';
import { defineFeature } from './feature.js';

export const feature = defineFeature({
  name: 'notifications',
  needs: [],
  build: (ctx) => ({
    notifications: new NotificationService(
      ctx.repository(NotificationRepository),
      ctx.options.notifier ?? notifierFromEnv(process.env, new Logger({ serviceName: 'tracker-notifications' })),
    ),
  }),
});
