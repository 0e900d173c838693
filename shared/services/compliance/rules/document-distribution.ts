/**
 * D1 (Điều 9.1.4, 12.1): incoming documents distributed by the start of the next working day.
 * Daily, just after the rulebook's distribution time: the sparse index of documents still not
 * distributed, due up to now (its cost follows the documents waiting, not the table); the registers'
 * documents received in the last days, for a distribution that came late before a check saw it;
 * and the documents of open findings (GetItem).
 */
import { evaluateDistribution, type DocumentFacts } from '../../../domain/compliance/document-distribution.js';
import { dailyCheckTimeAfter } from '../../../domain/compliance/periodic.js';
import { DocumentAccess, type IncomingDocument } from '../../../domain/document.js';
import { DocumentRepository } from '../../../store/document-repository.js';
import type { ComplianceRule } from '../rule.js';

/** Receipt to deadline is a working day, more over Tết: a late distribution is looked for this far back. */
export const DISTRIBUTION_LOOKBACK_DAYS = 14;
const DAY_MS = 86_400_000;

export const d1Distribution: ComplianceRule = {
  id: 'D1',
  article: 'Điều 9.1.4, 12.1',
  title: 'Incoming documents distributed the same day, or at the latest at the start of the next working day',
  appliesTo: (rulebook) => rulebook.documents.distribution !== undefined,
  articleIn: (rulebook) => rulebook.documents.distribution?.article ?? 'Điều 9.1.4, 12.1',
  schedules: (rulebook) => {
    const rule = rulebook.documents.distribution;
    return rule ? [{ label: 'daily', schedule: { kind: 'daily', time: dailyCheckTimeAfter(rule.deadline.time) } }] : [];
  },
  async run({ org, table, openFindings }, at) {
    const timeZone = org.rulebook.organisation.timeZone;
    const distributor = new DocumentAccess(org.authority, org.snapshot.staff, org.rulebook.documents).distributor();
    const subject = distributor?.active ? distributor : org.authority.director();
    if (!subject) return { observations: [] };
    const documents = new DocumentRepository(table);
    const byId = new Map<string, IncomingDocument>();
    for (const d of await documents.undistributedDueBy(org.orgId, at)) byId.set(d.id, d);
    const since = new Date(at.getTime() - DISTRIBUTION_LOOKBACK_DAYS * DAY_MS).toISOString();
    for (const register of ['general', 'confidential'] as const) {
      let cursor: string | undefined;
      do {
        const page = await documents.listRegister(org.orgId, register, { from: since, to: at.toISOString(), limit: 200, ...(cursor ? { cursor } : {}) });
        for (const d of page.items) if (d.firstDistributedAt && d.distributedOnTime === false) byId.set(d.id, d);
        cursor = page.nextCursor;
      } while (cursor);
    }
    const reopened = openFindings.map((f) => f.ref).filter((id): id is string => id !== undefined && !byId.has(id));
    for (const d of await Promise.all([...new Set(reopened)].map((id) => documents.get(org.orgId, id)))) {
      if (d) byId.set(d.id, d);
    }
    const facts: DocumentFacts[] = [...byId.values()].map((d) => ({
      id: d.id,
      ...(d.number ? { number: d.number } : {}),
      title: d.title,
      confidentiality: d.confidentiality,
      receivedAt: new Date(d.receivedAt),
      dueAt: new Date(d.distributionDueAt),
      ...(d.firstDistributedAt ? { firstDistributedAt: new Date(d.firstDistributedAt) } : {}),
    }));
    return evaluateDistribution({ subject: { staffId: subject.id, unitId: subject.unitId }, documents: facts, timeZone }, at);
  },
};
