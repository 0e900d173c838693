#!/usr/bin/env node
// Prints the template `cdk synth` wrote to cdk.out, as JSON on stdout.
// Usage: node scripts/print-template.mjs [province]   (default: cdk.json's context.province)
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const cdkJson = JSON.parse(readFileSync(`${root}cdk.json`, 'utf8'));
const province = process.argv[2] ?? cdkJson.context?.province ?? 'son-la';
const stackName = `QuyCheTracker-${province}`;
const outdir = `${root}${cdkJson.output ?? 'cdk.out'}`;

const manifestPath = `${outdir}/manifest.json`;
if (!existsSync(manifestPath)) {
  console.error(`No cloud assembly in ${outdir}: run \`npx cdk synth --quiet\` first (npm run synth does both).`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const artifact = manifest.artifacts?.[stackName];
if (artifact?.type !== 'aws:cloudformation:stack') {
  const stacks = Object.entries(manifest.artifacts ?? {})
    .filter(([, a]) => a.type === 'aws:cloudformation:stack')
    .map(([name]) => name);
  console.error(`${stackName} is not in ${outdir} (found: ${stacks.join(', ') || 'none'}). Synthesize it with -c province=${province}.`);
  process.exit(1);
}
const templateFile = artifact.properties?.templateFile ?? `${stackName}.template.json`;
process.stdout.write(`${JSON.stringify(JSON.parse(readFileSync(`${outdir}/${templateFile}`, 'utf8')), null, 2)}\n`);
