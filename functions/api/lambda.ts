import { handle } from 'hono/aws-lambda';
import { buildApp } from './app.js';
import { deployedDeps } from './dependencies.js';

// deployedDeps never enables local mode: no /dev routes and no X-Clock, whatever the environment holds.
export const handler = handle(buildApp(deployedDeps()));
