import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

/**
 * An App with the same context (feature flags, default province) as `cdk synth`. `bundle: false`
 * skips esbuild (CDK's own `aws:cdk:bundling-stacks` switch) where the code asset is irrelevant.
 */
export function appWithCdkJsonContext(extra: Record<string, unknown> = {}, options: { bundle?: boolean } = {}): App {
  const noBundling = options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {};
  return new App({ context: { ...cdkJson.context, ...noBundling, ...extra } });
}

export interface CfnResource {
  Type: string;
  Properties: Record<string, any>;
  DependsOn?: string[];
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

export function resourcesOfType(template: Template, type: string): [string, CfnResource][] {
  return Object.entries(template.findResources(type) as Record<string, CfnResource>);
}

export function onlyResource(template: Template, type: string): [string, CfnResource] {
  const all = resourcesOfType(template, type);
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0]!;
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

export const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Every statement of every inline policy attached to the role a function runs as. */
export function statementsOfFunction(template: Template, functionLogicalId: string): Statement[] {
  const fn = template.toJSON().Resources[functionLogicalId] as CfnResource;
  const roleLogicalId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return resourcesOfType(template, 'AWS::IAM::Policy')
    .filter(([, policy]) => asArray(policy.Properties.Roles).some((role: any) => role?.Ref === roleLogicalId))
    .flatMap(([, policy]) => asArray(policy.Properties.PolicyDocument.Statement) as Statement[]);
}

export const getAtt = (logicalId: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [logicalId, attribute] });
