/** The department's weekly calendar and its feeds (issue #13): meetings, reception, missions, visits and leave. */
import { CalendarService } from '../services/calendar-service.js';
import { CalendarFeedRepository } from '../store/calendar-feed-repository.js';
import { CitizenReceptionRepository } from '../store/citizen-reception-repository.js';
import { MeetingRepository } from '../store/meeting-repository.js';
import { MissionRepository } from '../store/mission-repository.js';
import { defineFeature } from './feature.js';

export const feature = defineFeature({
  name: 'calendar',
  needs: ['meetings', 'reception', 'leave'],
  build: (ctx) => ({
    calendar: new CalendarService(
      ctx.contexts,
      {
        meetings: ctx.repository(MeetingRepository),
        meetingSchedule: ctx.need('meetings').meetings,
        reception: ctx.repository(CitizenReceptionRepository),
        missions: ctx.repository(MissionRepository),
        visits: ctx.need('reception').visits,
        leave: ctx.need('leave').leave,
      },
      ctx.repository(CalendarFeedRepository),
    ),
  }),
});
