/**
 * The registry of rulebooks shipped with the code: one line per organisation. The JSON is
 * imported, not read from disk, so esbuild bundles it into the Lambda. The entries are raw
 * data; `load.ts` checks them (rulebookForProvince, rulebookById).
 */
import sonLa from './organisations/so-tttt-son-la.json' with { type: 'json' };

export interface RulebookSource {
  /** For error messages. */
  readonly file: string;
  readonly data: unknown;
}

export const rulebookSources: readonly RulebookSource[] = [{ file: 'so-tttt-son-la.json', data: sonLa }];
