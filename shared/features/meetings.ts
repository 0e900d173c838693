/** Meetings and their conclusions (M1–M6), and the Office's programme and minutes (M6). */
import { MeetingPreparationService } from '../services/meeting-preparation-service.js';
import { MeetingService } from '../services/meeting-service.js';
import { MeetingCore } from '../services/meetings/core.js';
import { MeetingReading } from '../services/meetings/reading.js';
import { MeetingRecording } from '../services/meetings/recording.js';
import { DelegationRepository } from '../store/delegation-repository.js';
import { IdempotencyRepository } from '../store/idempotency-repository.js';
import { MeetingPreparationRepository } from '../store/meeting-preparation-repository.js';
import { MeetingRepository } from '../store/meeting-repository.js';
import { complianceRecheck, fileClaim } from './edges.js';
import { defineFeature } from './feature.js';

export const feature = defineFeature({
  name: 'meetings',
  needs: ['assignments'],
  build: (ctx) => {
    const meetings = ctx.repository(MeetingRepository);
    const recheck = complianceRecheck(ctx);
    const claimFiles = fileClaim(ctx);
    const core = new MeetingCore(ctx.contexts, meetings, ctx.need('assignments').assignments, ctx.repository(DelegationRepository), ctx.repository(IdempotencyRepository), recheck, claimFiles);
    return {
      // A meeting recorded late, or conclusions issued late, re-checks its rule's open findings (issue #6).
      meetings: new MeetingService(core, { recording: new MeetingRecording(core), reading: new MeetingReading(core) }),
      meetingPreparations: new MeetingPreparationService(ctx.contexts, ctx.repository(MeetingPreparationRepository), meetings, recheck, claimFiles),
    };
  },
});
