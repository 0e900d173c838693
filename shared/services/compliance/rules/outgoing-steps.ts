/**
 * D5 (Điều 13.1): outgoing documents' steps taken by their deadlines. Daily: the sparse index of
 * open documents whose current step was due up to now, and the documents of open findings (GetItem).
 */
import { evaluateOutgoingSteps, type OutgoingStepFacts } from '../../../domain/compliance/outgoing-steps.js';
import type { OutgoingDocument } from '../../../domain/outgoing-document.js';
import { OutgoingDocumentRepository } from '../../../store/outgoing-document-repository.js';
import type { ComplianceRule } from '../rule.js';

export const d5OutgoingSteps: ComplianceRule = {
  id: 'D5',
  article: 'Điều 13.1',
  title: 'Each step of an outgoing document (vetting, proposal, form check, signature, number, seal, sending, filing) taken by its deadline',
  appliesTo: (rulebook) => rulebook.documents.outgoing !== undefined,
  articleIn: (rulebook) => rulebook.documents.outgoing?.article ?? 'Điều 13.1',
  // Steps are due at the end of a day: checked at the start of the next.
  schedules: (rulebook) => (rulebook.documents.outgoing ? [{ label: 'daily', schedule: { kind: 'daily', time: '00:15' } }] : []),
  async run({ org, table, openFindings }, at) {
    const repository = new OutgoingDocumentRepository(table);
    const byId = new Map<string, OutgoingDocument>();
    for (const d of await repository.openDueBy(org.orgId, at)) byId.set(d.id, d);
    const open = openFindings
      .map((f) => [String(f.facts.documentId ?? ''), String(f.facts.status ?? ''), String(f.facts.stepDueAtIso ?? '')] as const)
      .filter(([id]) => id !== '');
    for (const [id] of open) {
      if (!byId.has(id)) {
        const d = await repository.get(org.orgId, id);
        if (d) byId.set(id, d);
      }
    }
    const facts: OutgoingStepFacts[] = [...byId.values()].map((d) => ({
      id: d.id,
      title: d.title,
      confidentiality: d.confidentiality,
      status: d.status,
      ...(d.ownerId ? { ownerId: d.ownerId, ownerUnitId: org.authority.staff(d.ownerId)?.unitId ?? d.unitId } : {}),
      ...(d.stepDueAt ? { stepDueAt: new Date(d.stepDueAt) } : {}),
    }));
    return evaluateOutgoingSteps(facts, open, org.rulebook.organisation.timeZone, at);
  },
};
