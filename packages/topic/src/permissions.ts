/**
 * AddPermission / RemovePermission: statements added to (and removed from) the topic's Policy document, shaped as
 * AWS answered (recorded test_topic_add_permission: Sid = Label, Principal the accounts' root ARNs, Action one
 * `SNS:<name>` or a list). Nothing enforces the policy: simcloud has no IAM.
 */
import { invalidParameter } from "./errors";

export interface AddPermissionInput {
  TopicArn: string | undefined;
  Label: string | undefined;
  AWSAccountId: string[] | undefined;
  ActionName: string[] | undefined;
}

export interface RemovePermissionInput {
  TopicArn: string | undefined;
  Label: string | undefined;
}

/** The topic actions a statement may grant (SNS API actions on topics). */
const TOPIC_ACTIONS = new Set([
  "AddPermission", "DeleteTopic", "GetDataProtectionPolicy", "GetTopicAttributes", "ListSubscriptionsByTopic", "ListTagsForResource",
  "Publish", "PutDataProtectionPolicy", "Receive", "RemovePermission", "SetTopicAttributes", "Subscribe", "TagResource", "UntagResource",
]);

interface PolicyDocument {
  Statement?: { Sid?: unknown }[];
  [key: string]: unknown;
}

function parse(policy: string): PolicyDocument {
  const parsed = JSON.parse(policy) as unknown;
  return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as PolicyDocument) : {};
}

export function addStatement(policy: string, topicArn: string, input: AddPermissionInput): string {
  const label = input.Label;
  if (typeof label !== "string" || label.length === 0) throw invalidParameter("Label Reason: no value for required parameter");
  const accounts = input.AWSAccountId ?? [];
  const actions = input.ActionName ?? [];
  if (accounts.length === 0) throw invalidParameter("AWSAccountId Reason: no value for required parameter");
  if (actions.length === 0) throw invalidParameter("ActionName Reason: no value for required parameter");
  if (actions.some((action) => !TOPIC_ACTIONS.has(action))) throw invalidParameter("Policy statement action out of service scope!");
  const document = parse(policy);
  const statements = Array.isArray(document.Statement) ? document.Statement : [];
  if (statements.some((statement) => statement.Sid === label)) throw invalidParameter("Statement already exists");
  const principals = accounts.map((account) => `arn:aws:iam::${account}:root`);
  const granted = actions.map((action) => `SNS:${action}`);
  const statement = {
    Sid: label,
    Effect: "Allow",
    Principal: { AWS: principals.length === 1 ? principals[0] : principals },
    Action: granted.length === 1 ? granted[0] : granted,
    Resource: topicArn,
  };
  return JSON.stringify({ ...document, Statement: [...statements, statement] });
}

export function removeStatement(policy: string, input: RemovePermissionInput): string {
  if (typeof input.Label !== "string" || input.Label.length === 0) throw invalidParameter("Label Reason: no value for required parameter");
  const document = parse(policy);
  const statements = Array.isArray(document.Statement) ? document.Statement : [];
  return JSON.stringify({ ...document, Statement: statements.filter((statement) => statement.Sid !== input.Label) });
}
