/**
 * Every feature's services at once, for the scripts and tests that use many of them (npm run
 * check, counters:rebuild, the bench's seeding). The Lambdas do not import this module: they
 * build a container that loads each feature when first used (shared/features/container.ts).
 */
import type { TableContext } from '../store/client.js';
import type { FeatureName } from '../features/catalogue.js';
import { createServices, type ServiceOptions, type Services } from '../features/container.js';
import type { FeatureDefinition } from '../features/feature.js';
import { feature as assignments } from '../features/assignments.js';
import { feature as files } from '../features/files.js';
import { feature as audit } from '../features/audit.js';
import { feature as meetings } from '../features/meetings.js';
import { feature as documents } from '../features/documents.js';
import { feature as eoffice } from '../features/eoffice.js';
import { feature as notifications } from '../features/notifications.js';
import { feature as reports } from '../features/reports.js';
import { feature as reminders } from '../features/reminders.js';
import { feature as organisationAdmin } from '../features/organisation-admin.js';
import { feature as leave } from '../features/leave.js';
import { feature as compliance } from '../features/compliance.js';
import { feature as outgoingDocuments } from '../features/outgoing-documents.js';
import { feature as finance } from '../features/finance.js';
import { feature as reception } from '../features/reception.js';
import { feature as calendar } from '../features/calendar.js';
import { feature as boardMatters } from '../features/board-matters.js';
import { feature as dashboard } from '../features/dashboard.js';
import { feature as inbox } from '../features/inbox.js';
import { feature as evaluations } from '../features/evaluations.js';

export type { ServiceOptions, Services };

/** Every feature's definition, in hand. */
export const ALL_FEATURES: { readonly [N in FeatureName]: FeatureDefinition } = {
  assignments,
  files,
  audit,
  meetings,
  documents,
  eoffice,
  notifications,
  reports,
  reminders,
  organisationAdmin,
  leave,
  compliance,
  outgoingDocuments,
  finance,
  reception,
  calendar,
  boardMatters,
  dashboard,
  inbox,
  evaluations,
};

/** Every use case, wired to one table, built now (synchronously): each feature once, after the features it needs. */
export function buildServices(table: TableContext, defaultOrgId: string, options: ServiceOptions = {}): Services {
  const services = createServices(table, defaultOrgId, options, (name) => ALL_FEATURES[name]);
  const built = new Set<FeatureName>();
  const build = (name: FeatureName, path: readonly FeatureName[]) => {
    if (built.has(name)) return;
    if (path.includes(name)) throw new Error(`Features need each other: ${[...path, name].join(' → ')}`);
    for (const n of ALL_FEATURES[name].needs) build(n, [...path, name]);
    services.buildNow(ALL_FEATURES[name]);
    built.add(name);
  };
  for (const name of Object.keys(ALL_FEATURES) as FeatureName[]) build(name, []);
  return services;
}
