/**
 * The findings store, shared by the features that write findings (compliance, outgoing
 * documents' D4) or list them (inbox): one instance per container. A new finding's notifications
 * are written in the finding's own transaction (FindingRepository.writeItems), so a finding
 * never exists without them.
 */
import { FindingRepository } from '../store/finding-repository.js';
import { NotificationRepository } from '../store/notification-repository.js';
import type { FeatureContext } from './feature.js';

export const findingRepository = (ctx: FeatureContext) =>
  ctx.once('findings', () => new FindingRepository(ctx.table, { notifyDetections: ctx.repository(NotificationRepository) }));
