/**
 * Function resource policies (AddPermission / RemovePermission / GetPolicy): kept per function and qualifier, shaped
 * as AWS returns them (a `Version: 2012-10-17`, `Id: default` document; Principal and Condition built from the
 * input as in the API Reference, "AddPermission"). Nothing enforces them: simcloud has no IAM, callers are trusted.
 */
import { errors } from "./errors";
import type { LambdaFunction } from "./function";

export interface AddPermissionInput {
  FunctionName: string | undefined;
  StatementId: string | undefined;
  Action: string | undefined;
  Principal: string | undefined;
  SourceArn?: string;
  SourceAccount?: string;
  EventSourceToken?: string;
  Qualifier?: string;
  RevisionId?: string;
  PrincipalOrgID?: string;
  FunctionUrlAuthType?: string;
  InvokedViaFunctionUrl?: boolean;
}

export interface RemovePermissionInput {
  FunctionName: string | undefined;
  StatementId: string | undefined;
  Qualifier?: string;
  RevisionId?: string;
}

export interface GetPolicyInput {
  FunctionName: string | undefined;
  Qualifier?: string;
}

interface Statement {
  Sid: string;
  Effect: "Allow";
  Principal: string | { Service: string } | { AWS: string };
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

interface Policy {
  statements: Statement[];
  revisionId: string;
}

const STATEMENT_ID = /^[a-zA-Z0-9-_]+$/;
const ACTION = /^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/;

function preconditionFailed(): Error {
  return errors.PreconditionFailedException(
    "The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the latest Revision Id",
  );
}

function principalOf(principal: string, accountId: string): Statement["Principal"] {
  if (principal === "*") return "*";
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (/^arn:aws[a-zA-Z-]*:iam::\d{12}:.+/.test(principal)) return { AWS: principal };
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.(amazonaws\.com|amazon\.com)$/.test(principal)) return { Service: principal };
  void accountId;
  throw errors.InvalidParameterValueException("The provided principal was invalid. Please check the principal and try again.");
}

function conditionOf(input: AddPermissionInput): Statement["Condition"] {
  const equals: Record<string, string> = {};
  if (input.SourceAccount !== undefined) equals["AWS:SourceAccount"] = input.SourceAccount;
  if (input.FunctionUrlAuthType !== undefined) equals["lambda:FunctionUrlAuthType"] = input.FunctionUrlAuthType;
  if (input.PrincipalOrgID !== undefined) equals["aws:PrincipalOrgID"] = input.PrincipalOrgID;
  if (input.EventSourceToken !== undefined) equals["lambda:EventSourceToken"] = input.EventSourceToken;
  const condition: Record<string, Record<string, string>> = {};
  if (Object.keys(equals).length > 0) condition.StringEquals = equals;
  if (input.SourceArn !== undefined) condition.ArnLike = { "AWS:SourceArn": input.SourceArn };
  return Object.keys(condition).length > 0 ? condition : undefined;
}

function constraint(value: unknown, member: string, rule: string): Error {
  return errors.ValidationException(`1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${rule}`);
}

/** Policies by function (a recreated function is a new object, so it starts without one) and qualifier. */
export class ResourcePolicies {
  private readonly policies = new WeakMap<LambdaFunction, Map<string, Policy>>();

  constructor(private readonly newRevision: () => string) {}

  /**
   * `targetRevision` is the RevisionId of what the policy is attached to (the function, the version or the alias): before
   * a policy exists, AddPermission's RevisionId is checked against it (AWS's recorded test_lambda_permission_fn_versioning
   * adds to an alias with the alias's RevisionId); after, against the policy's own.
   */
  add(fn: LambdaFunction, qualifier: string | undefined, input: AddPermissionInput, accountId: string, targetRevision: string): { Statement: string } {
    const sid = input.StatementId;
    if (typeof sid !== "string" || !STATEMENT_ID.test(sid) || sid.length > 100) {
      throw constraint(sid, "statementId", "Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)");
    }
    if (typeof input.Action !== "string" || !ACTION.test(input.Action)) {
      throw constraint(input.Action, "action", "Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])");
    }
    if (typeof input.Principal !== "string" || input.Principal.length === 0) throw constraint(input.Principal, "principal", "Member must not be null");
    if (qualifier === "$LATEST") throw errors.InvalidParameterValueException("We currently do not support adding policies for $LATEST.");
    const key = qualifier ?? "";
    const existing = this.policies.get(fn)?.get(key);
    const current = existing === undefined || existing.statements.length === 0 ? targetRevision : existing.revisionId;
    if (input.RevisionId !== undefined && input.RevisionId !== current) throw preconditionFailed();
    if (existing?.statements.some((statement) => statement.Sid === sid) === true) {
      throw errors.ResourceConflictException(
        `The statement id (${sid}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
      );
    }
    const condition = conditionOf(input);
    const statement: Statement = {
      Sid: sid,
      Effect: "Allow",
      Principal: principalOf(input.Principal, accountId),
      Action: input.Action,
      Resource: qualifier === undefined ? fn.arn : `${fn.arn}:${qualifier}`,
      ...(condition === undefined ? {} : { Condition: condition }),
    };
    let byQualifier = this.policies.get(fn);
    if (byQualifier === undefined) {
      byQualifier = new Map();
      this.policies.set(fn, byQualifier);
    }
    byQualifier.set(key, { statements: [...(existing?.statements ?? []), statement], revisionId: this.newRevision() });
    return { Statement: JSON.stringify(statement) };
  }

  remove(fn: LambdaFunction, qualifier: string | undefined, input: RemovePermissionInput): void {
    const key = qualifier ?? "";
    const policy = this.policies.get(fn)?.get(key);
    if (policy === undefined || policy.statements.length === 0) {
      throw errors.ResourceNotFoundException("No policy is associated with the given resource.");
    }
    if (input.RevisionId !== undefined && input.RevisionId !== policy.revisionId) throw preconditionFailed();
    const left = policy.statements.filter((statement) => statement.Sid !== input.StatementId);
    if (left.length === policy.statements.length) {
      throw errors.ResourceNotFoundException(`Statement ${String(input.StatementId)} is not found in resource policy.`);
    }
    this.policies.get(fn)?.set(key, { statements: left, revisionId: this.newRevision() });
  }

  get(fn: LambdaFunction, qualifier: string | undefined): { Policy: string; RevisionId: string } {
    const policy = this.policies.get(fn)?.get(qualifier ?? "");
    if (policy === undefined || policy.statements.length === 0) {
      throw errors.ResourceNotFoundException("The resource you requested does not exist.");
    }
    return { Policy: JSON.stringify({ Version: "2012-10-17", Id: "default", Statement: policy.statements }), RevisionId: policy.revisionId };
  }
}
