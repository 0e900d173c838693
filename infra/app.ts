import { App } from 'aws-cdk-lib';
import { rulebookForProvince } from '../shared/rulebook/load.js';
import { buildTrackerApp, type SchedulesForProvince } from './tracker-app.js';

// The province's rulebooks are loaded (and validated) at synth: an unknown province or a bad
// rulebook fails here, before anything is deployed. Compliance schedules come from them.
const schedulesFor: SchedulesForProvince = (provinceId) => {
  if (rulebookForProvince(provinceId).length === 0) throw new Error(`No rulebook for province ${provinceId}`);
  return [];
};

const app = new App();
buildTrackerApp(app, schedulesFor);
app.synth();
