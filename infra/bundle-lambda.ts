/**
 * `node --import tsx infra/bundle-lambda.ts <entry> <outdir>`: one Lambda's code, as the stack
 * deploys it (TrackerFunction's local bundling runs this, since CDK bundles synchronously and
 * esbuild's plugins need its asynchronous API).
 */
import { fileURLToPath } from 'node:url';
import { bundleLambda } from './constructs/lambda-bundling.js';

const [entry, outdir] = process.argv.slice(2);
if (!entry || !outdir) throw new Error('usage: bundle-lambda.ts <entry relative to the repository> <outdir>');
await bundleLambda(fileURLToPath(new URL('../', import.meta.url)), { entry }, outdir);
