/**
 * Outgoing documents and signing (D4 Điều 9.1.8, D5 Điều 13.1; Điều 9.1.1, 9.1.3, 12.2, 13.2):
 * drafting, the head's vetting and proposal, the Office's form check, the signature within the
 * signer's authority, the register's number, the seal, sending and filing. Every step is one
 * transaction with its audit event; the pure rules are in shared/domain/outgoing-document.ts.
 */
import type { Confidentiality } from '../domain/assignment.js';
import type { Finding } from '../domain/finding.js';
import type { OutgoingKind, OutgoingScope, StepInput } from '../domain/outgoing-document.js';
import type { FindingRepository } from '../store/finding-repository.js';
import type { OutboxRepository } from '../store/outbox-repository.js';
import { auditVisibility } from './audit-service.js';
import type { OrgContext } from './org-context.js';
import { OutgoingCore } from './outgoing-documents/core.js';
import { OutgoingDrafting } from './outgoing-documents/drafting.js';
import { OutgoingSteps } from './outgoing-documents/steps.js';
import { OutgoingReading } from './outgoing-documents/reading.js';
export { D4_ARTICLE } from './outgoing-documents/core.js';

export interface DraftOutgoingInput {
  title: string;
  kind: OutgoingKind;
  scope: OutgoingScope;
  fieldId?: string;
  confidentiality: Confidentiality;
}

/** An outgoing document drafted in the e-office and registered in the tracker (its signed push). */
export interface EofficeOutgoingInput extends DraftOutgoingInput {
  externalId: string;
  drafterId: string;
  /** The drafting unit; the drafter's own when absent. */
  unitId?: string;
}

/** A step the e-office reports: who took it, when, and (numbering) the number it gave. */
export type EofficeStepInput = (Exclude<StepInput, { action: 'number' }> | { action: 'number'; number: string }) & { actorId: string; at: Date };

export interface OutgoingServiceOptions {
  /** The e-office outbox: a step of a document the e-office registered queues its callback in the step's transaction. */
  readonly outbox?: OutboxRepository;
  /** D4 findings (their notifications come with them, by the repository's hooks). */
  readonly findings?: FindingRepository;
  /** After a D4 finding committed: send its notifications (stored with it either way). */
  readonly afterFinding?: (ctx: OrgContext, findings: readonly Finding[], at: Date) => Promise<void>;
}

/** One face over the parts of the outgoing documents, which the feature builds (shared/features/outgoing-documents.ts). */
export class OutgoingDocumentService {
  private readonly drafting: OutgoingDrafting;
  private readonly steps: OutgoingSteps;
  private readonly reading: OutgoingReading;

  constructor(private readonly core: OutgoingCore, parts: { drafting: OutgoingDrafting; steps: OutgoingSteps; reading: OutgoingReading }) {
    this.drafting = parts.drafting;
    this.steps = parts.steps;
    this.reading = parts.reading;
  }

  // OutgoingCore (outgoing-documents/core.ts)
  chart(...args: Parameters<OutgoingCore['chart']>) {
    return this.core.chart(...args);
  }
  allowedSignatures(...args: Parameters<OutgoingCore['allowedSignatures']>) {
    return this.core.allowedSignatures(...args);
  }

  // OutgoingDrafting (outgoing-documents/drafting.ts)
  draft(...args: Parameters<OutgoingDrafting['draft']>) {
    return this.drafting.draft(...args);
  }
  registerFromEoffice(...args: Parameters<OutgoingDrafting['registerFromEoffice']>) {
    return this.drafting.registerFromEoffice(...args);
  }

  // OutgoingSteps (outgoing-documents/steps.ts)
  step(...args: Parameters<OutgoingSteps['step']>) {
    return this.steps.step(...args);
  }
  stepFromEoffice(...args: Parameters<OutgoingSteps['stepFromEoffice']>) {
    return this.steps.stepFromEoffice(...args);
  }

  // OutgoingReading (outgoing-documents/reading.ts)
  get(...args: Parameters<OutgoingReading['get']>) {
    return this.reading.get(...args);
  }
  list(...args: Parameters<OutgoingReading['list']>) {
    return this.reading.list(...args);
  }
  desk(...args: Parameters<OutgoingReading['desk']>) {
    return this.reading.desk(...args);
  }
  forPage(...args: Parameters<OutgoingReading['forPage']>) {
    return this.reading.forPage(...args);
  }
  stepAsOffered(...args: Parameters<OutgoingReading['stepAsOffered']>) {
    return this.reading.stepAsOffered(...args);
  }

  readonly auditVisibility = auditVisibility(['outgoing-document'], async (ctx, actor, entityId) => {
    const doc = await this.core.repository.get(ctx.orgId, entityId);
    return doc ? this.core.canView(ctx, actor.staffId, doc) : undefined;
  });
}
