import { defineConfig } from 'vitest/config';

// One project per folder of test/ (docs/testing.md). Only the projects that reach DynamoDB Local,
// the local S3 server or Chromium run the global setup that checks Java and Chromium and starts
// the servers; `unit` and `infra` need neither. The root config has no global setup: vitest runs
// the root's for every run, even `--project unit`.
const services = ['test/support/global-setup.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      // Pure code, no servers: one module graph for all files (isolate: false) halves the run.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], isolate: false } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.{ts,tsx}'], globalSetup: services } },
      { extends: true, test: { name: 'reliability', include: ['test/reliability/**/*.test.{ts,tsx}'], globalSetup: services } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.{ts,tsx}'], globalSetup: services } },
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.{ts,tsx}'] } },
    ],
  },
});
