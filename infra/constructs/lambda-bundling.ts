/**
 * How every Lambda of the stack is bundled and what its runtime is told, in one place: the
 * NodejsFunction construct (node-function.ts) deploys with these, and `npm run bench` builds and
 * runs the bundles it measures with these same values (scripts/bench/cold-start.ts), so the cold
 * start measured is the one deployed (test/infra/lambda-bundling.test.ts compares the bytes).
 */
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

// ESM output still meets CommonJS dependencies that call require(); this gives them one.
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

export const LAMBDA_BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node22',
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  minify: true,
  // index.mjs.map ships beside the bundle (docs/deploying.md decodes a stack trace with it); the
  // runtime does not load it: --enable-source-maps costs ~200 ms at every cold start.
  sourceMap: true,
  sourcesContent: false,
  // Bundle the AWS SDK too: the deployed code runs the SDK version the tests ran, and one
  // minified file loads faster than the runtime's copy of the SDK spread over many files.
  externalModules: [],
} as const satisfies BundlingOptions;

/**
 * The environment every function gets before its own settings: nothing. NODE_OPTIONS=
 * --enable-source-maps would make every cold start parse the 2–3 MB source map (about 200 ms
 * measured); stack traces are decoded offline with the .map instead (docs/deploying.md).
 */
export const LAMBDA_BASE_ENVIRONMENT: Readonly<Record<string, string>> = {};
