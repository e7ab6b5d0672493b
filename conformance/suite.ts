/**
 * One vitest `it` per vector case (named after the case), for the cases whose services are wired into
 * createCloud. Driver: sdk when cloud.clientConfig exists, else native; SIMCLOUD_CONFORMANCE_DRIVER=sdk|native
 * forces one.
 */
import { createCloud } from "simcloud";
import { describe, expect, it } from "vitest";
import { loadVectors, servicesOf, type ConformanceCase } from "./cases";
import { hasService, type DriverKind } from "./drivers";
import { chooseDriver, CLOUD_OPTIONS, formatFailure, runCase } from "./runner";

export interface SuiteOptions {
  /**
   * Cases that fail today because a service lacks a behaviour: case name → the missing behaviour. Each is
   * asserted to still fail, so that the fix is noticed (then move the case back to the passing set).
   */
  readonly knownFailures?: Readonly<Record<string, string>>;
  /** Forces a driver (default: as `availability` chooses). */
  readonly driver?: DriverKind;
  /** The clock mode of every case (default virtual); see RunOptions.clock. */
  readonly clock?: "virtual" | "system";
}

export interface Availability {
  readonly driver: DriverKind;
  readonly wired: ReadonlySet<string>;
}

/** Which services createCloud wires today, and which driver the cases use. */
export async function availability(): Promise<Availability> {
  const probe = createCloud({ ...CLOUD_OPTIONS });
  try {
    const forced = process.env.SIMCLOUD_CONFORMANCE_DRIVER;
    const driver = chooseDriver(probe, forced === "sdk" || forced === "native" ? forced : "auto");
    const wired = new Set(["sqs", "sns", "lambda", "kinesis", "events", "sfn"].filter((service) => hasService(probe, service)));
    return { driver, wired };
  } finally {
    await probe.dispose();
  }
}

export function runnable(testCase: ConformanceCase, wired: ReadonlySet<string>): boolean {
  return [...servicesOf(testCase)].every((service) => wired.has(service));
}

const CASE_TIMEOUT_MS = 60_000;

export async function defineVectorSuite(file: string, options: SuiteOptions = {}): Promise<void> {
  const available = await availability();
  const driver = options.driver ?? available.driver;
  const wired = available.wired;
  const clock = options.clock ?? "virtual";
  const cases = loadVectors(file);
  const known = options.knownFailures ?? {};
  for (const name of Object.keys(known)) {
    if (!cases.some((testCase) => testCase.name === name)) throw new Error(`${file}: knownFailures names ${name}, which is not a case of this file`);
  }
  const selected = cases.filter((testCase) => runnable(testCase, wired));
  describe(`${file} via ${driver}${clock === "virtual" ? "" : ` [${clock} clock]`}`, () => {
    for (const testCase of selected) {
      const reason = known[testCase.name];
      if (reason === undefined) {
        it(testCase.name, async () => {
          const result = await runCase(testCase, { driver, clock });
          if (!result.ok) throw new Error(formatFailure(testCase.name, result));
        }, CASE_TIMEOUT_MS);
      } else {
        it(`${testCase.name} (known failure: ${reason})`, async () => {
          const result = await runCase(testCase, { driver, clock });
          expect(result.ok, `${testCase.name} passes now: remove it from knownFailures`).toBe(false);
        }, CASE_TIMEOUT_MS);
      }
    }
  });
}
