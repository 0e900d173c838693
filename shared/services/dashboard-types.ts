/** What the accountability dashboard answers (GET /v1/dashboard, its records and trend): the shapes the routes, pages and export read. */
import type { AssignmentView } from './assignment-service.js';
import type { FigureName, Figures } from '../domain/dashboard.js';
import type { Finding } from '../domain/finding.js';
import type { Meeting } from '../domain/meeting.js';
import type { ObligationStatus } from '../domain/obligations.js';
import type { LocalizedText } from '../domain/organisation.js';
import type { Period } from '../domain/periods.js';

export interface DashboardQuery {
  /** A period id; the current month when absent. */
  period?: string;
  unitId?: string;
  staffId?: string;
}

/** Open work overdue and due soon today, whatever period it was due in (issue #16). */
export interface OpenNow {
  overdue: number;
  dueSoon: number;
}

export interface PersonEntry {
  staffId: string;
  name: string;
  unitId: string;
  roles: string[];
  active: boolean;
  figures: Figures;
  openNow: OpenNow;
}

export interface UnitEntry {
  unitId: string;
  name: LocalizedText;
  kind: string;
  headId: string | null;
  figures: Figures;
  openNow: OpenNow;
}

export interface DashboardView {
  organisation: { id: string; name: LocalizedText; shortName: LocalizedText; timeZone: string };
  period: Period;
  asOf: string;
  /** What the caller asked for, within what they may see. */
  scope: { kind: 'department' | 'units' | 'person'; unitIds: string[]; staffId?: string };
  /** What the caller may see at most: the pages offer only links within it. */
  viewer: { staffId: string; name: string; scope: 'department' | 'units' | 'person'; unitIds: string[] };
  totals: Figures;
  /** All open work of the scope overdue or due soon today, from every period (the period's figures count only its own). */
  openNow: OpenNow;
  units: UnitEntry[];
  people: PersonEntry[];
  /** The compliance rules the findings figures name, with the article each cites. */
  rules: { id: string; article: string; title: string }[];
}

export interface TrendPoint {
  period: string;
  assigned: number;
  completedOnTime: number;
  completedAfterExtension: number;
  completedLate: number;
  overdue: number;
  onTimeRate: number | null;
}

export type RecordView =
  | ({ type: 'assignment' } & Pick<
      AssignmentView,
      'id' | 'title' | 'unitId' | 'assigneeId' | 'responsibleId' | 'assignerId' | 'dueDate' | 'originalDueDate' | 'status' | 'timeliness' | 'completedAt' | 'confidentiality'
    >)
  | {
      type: 'report';
      key: string;
      obligationId: string;
      rule: string;
      article: string;
      title: LocalizedText;
      staffId: string;
      unitId: string;
      period?: string;
      dueAt: string;
      status: ObligationStatus;
      reportId?: string;
      submittedAt?: string;
    }
  | ({ type: 'meeting' } & Pick<Meeting, 'id' | 'kind' | 'rule' | 'article' | 'unitId' | 'heldOn' | 'chairId' | 'subject' | 'conclusionsDueAt'> & {
        conclusions: 'none' | 'on-time' | 'late';
      })
  | ({ type: 'finding' } & Pick<Finding, 'id' | 'rule' | 'article' | 'subjectId' | 'unitId' | 'period' | 'detectedAt' | 'detail' | 'resolvedAt' | 'resolution' | 'ref' | 'key' | 'facts' | 'escalation'>);

export interface RecordsQuery extends DashboardQuery {
  figure: FigureName;
  /** Findings of one rule only. */
  rule?: string;
  cursor?: string;
}

export interface RecordsView {
  figure: FigureName;
  period: Period;
  asOf: string;
  scope: DashboardView['scope'];
  viewer: DashboardView['viewer'];
  items: RecordView[];
  /** Counted records the caller may not open (confidential, D2): counted in the figure, not listed. */
  hidden: number;
  nextCursor?: string;
}
