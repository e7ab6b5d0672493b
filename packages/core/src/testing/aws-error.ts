import { AwsError } from "../errors";

/**
 * The AwsError a call fails with; fails the test when the call succeeds or throws anything else (a plain Error
 * from a service is a bug, not an AWS answer). With `code`, also fails when the code differs.
 *
 *   expect((await awsError(sqs.getQueueUrl({ QueueName: "nope" }))).code).toBe("QueueDoesNotExist");
 */
export async function awsError(promise: Promise<unknown> | (() => unknown), code?: string): Promise<AwsError> {
  let outcome: unknown;
  try {
    outcome = await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    if (code !== undefined && error.code !== code) {
      throw new Error(`expected AwsError ${code}, got ${error.code}: ${error.message}`, { cause: error });
    }
    return error;
  }
  throw new Error(`expected an AwsError${code === undefined ? "" : ` ${code}`}, but the call succeeded with ${describe(outcome)}`);
}

function describe(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return String(value);
  }
}
