import { App } from 'aws-cdk-lib';
import { buildTrackerApp, complianceSchedulesForProvince } from './tracker-app.js';

// The province's rulebooks are loaded (and validated) at synth: an unknown province or a bad
// rulebook fails here, before anything is deployed. Compliance schedules come from them: one
// EventBridge Scheduler schedule per rule schedule (shared/services/compliance/schedules.ts).
const app = new App();
buildTrackerApp(app, complianceSchedulesForProvince);
app.synth();
