/** The board's collective decisions (A5, Điều 3.2; issue #19). */
import { BoardMatterService } from '../services/board-matter-service.js';
import { BoardMatterRepository } from '../store/board-matter-repository.js';
import { IdempotencyRepository } from '../store/idempotency-repository.js';
import { MeetingRepository } from '../store/meeting-repository.js';
import { defineFeature } from './feature.js';

export const feature = defineFeature({
  name: 'boardMatters',
  needs: [],
  build: (ctx) => ({
    boardMatters: new BoardMatterService(ctx.contexts, ctx.repository(BoardMatterRepository), ctx.repository(MeetingRepository), ctx.repository(IdempotencyRepository)),
  }),
});
