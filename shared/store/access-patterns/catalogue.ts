/** Every declared item type, for the generated index table (scripts/data-model-indexes.ts) and its tests. */
import * as compliance from './compliance.js';
import * as core from './core.js';
import * as documents from './documents.js';
import * as meetings from './meetings.js';
import * as work from './work.js';

export const entities = [core, work, meetings, documents, compliance].flatMap((m) => Object.values(m));
