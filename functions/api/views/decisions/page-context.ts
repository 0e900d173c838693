/** What every decision page needs: W1's page frame (language, viewer, the navigation's count, CSRF token), names, and the confirmation. */
import type { PageFrame } from '../../forms/action.js';
import type { Directory } from '../dashboard/pages.js';

export interface DecisionPageContext extends PageFrame {
  readonly names: Directory;
  /** The confirmation of the action just done (Post/Redirect/Get, `?ok=<action>`), if any. */
  readonly confirmation?: string | undefined;
}

export const personName = (ctx: Pick<DecisionPageContext, 'names'>, id: string | null | undefined) =>
  id ? (ctx.names.staff[id]?.name ?? id) : '';

export const unitName = (ctx: Pick<DecisionPageContext, 'names' | 'lang'>, id: string) => ctx.names.units[id]?.[ctx.lang] ?? id;
