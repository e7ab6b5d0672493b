
/** A canned task result: what the state's task returns, or the error it raises. */
export interface MockedResponse {
  return?: unknown;
  throw?: { error: string; cause: string };
}

/** One mocked answer in Step Functions Local's MockConfigFile format. */
export interface MockConfigAnswer {
  Return?: unknown;
  Throw?: { Error?: string; Cause?: string };
}

/**
 * Step Functions Local's MockConfigFile (the "Using mocked service integrations" guide page): test cases name, per
 * state, a mocked response; a mocked response maps invocation numbers ("0", "1-2", …) to Return or Throw answers.
 */
export interface MockConfig {
  StateMachines: Record<string, { TestCases: Record<string, Record<string, string>> }>;
  MockedResponses: Record<string, Record<string, MockConfigAnswer>>;
}

function answerFor(answers: Record<string, MockConfigAnswer>, call: number): MockConfigAnswer | undefined {
  let last: { upper: number; answer: MockConfigAnswer } | undefined;
  for (const [range, answer] of Object.entries(answers)) {
    const [lowText, highText] = range.split("-");
    const low = Number(lowText);
    const high = highText === undefined ? low : Number(highText);
    if (!Number.isInteger(low) || !Number.isInteger(high)) throw new RangeError(`Mock invocation range must look like "0" or "1-2", got ${JSON.stringify(range)}`);
    if (call >= low && call <= high) return answer;
    if (last === undefined || high > last.upper) last = { upper: high, answer };
  }
  // Step Functions Local repeats the last answer once the listed invocations are used up.
  return last?.answer;
}

/** Validates a MockConfigFile document (a RangeError names the first problem). */
export function checkMockConfig(config: MockConfig): MockConfig {
  if (config === null || typeof config !== "object" || typeof config.StateMachines !== "object" || typeof config.MockedResponses !== "object") {
    throw new RangeError("A mock configuration has StateMachines and MockedResponses objects");
  }
  for (const [machine, { TestCases }] of Object.entries(config.StateMachines)) {
    for (const [testCase, states] of Object.entries(TestCases ?? {})) {
      for (const [state, response] of Object.entries(states)) {
        if (config.MockedResponses[response] === undefined) {
          throw new RangeError(`Test case ${machine}#${testCase} mocks state ${state} with ${response}, which MockedResponses does not define`);
        }
      }
    }
  }
  return config;
}

/** The mocked answers of one execution run under a test case: per state, the next invocation's answer. */
export class MockSession {
  private readonly calls = new Map<string, number>();

  constructor(
    private readonly config: MockConfig,
    private readonly machineName: string,
    private readonly testCase: string,
  ) {
    if (config.StateMachines[machineName]?.TestCases[testCase] === undefined) {
      throw new RangeError(`The mock configuration has no test case ${testCase} for state machine ${machineName}`);
    }
  }

  next(stateName: string): MockedResponse | undefined {
    const responseName = this.config.StateMachines[this.machineName]?.TestCases[this.testCase]?.[stateName];
    if (responseName === undefined) return undefined;
    const call = this.calls.get(stateName) ?? 0;
    this.calls.set(stateName, call + 1);
    const answer = answerFor(this.config.MockedResponses[responseName] ?? {}, call);
    if (answer === undefined) return undefined;
    if (answer.Throw !== undefined) return { throw: { error: answer.Throw.Error ?? "", cause: answer.Throw.Cause ?? "" } };
    return { return: answer.Return };
  }
}

