import { describe, expect, it } from "vitest";
import { START, bindings } from "./test-support";
import { waitUntil } from "./wait";
import { parseTimestamp } from "./timestamp";

const b = bindings({ context: { ...bindings().context, State: { Name: "WaitState", EnteredTime: "", RetryCount: 0 } } });

describe("ASL spec 'Wait State'", () => {
  it("Seconds, SecondsPath, Timestamp, TimestampPath", async () => {
    expect(await waitUntil({ Type: "Wait", Seconds: 10, End: true }, {}, b, START)).toBe(START + 10_000);
    expect(await waitUntil({ Type: "Wait", SecondsPath: "$.s", End: true }, { s: 0 }, b, START)).toBe(START);
    expect(await waitUntil({ Type: "Wait", Timestamp: "2025-01-01T00:01:00Z", End: true }, {}, b, START)).toBe(START + 60_000);
    expect(await waitUntil({ Type: "Wait", TimestampPath: "$.t", End: true }, { t: "2024-01-01T00:00:00Z" }, b, START)).toBe(Date.parse("2024-01-01T00:00:00Z"));
  });
  it("SecondsPath failures use AWS's recorded causes", async () => {
    const w = { Type: "Wait" as const, SecondsPath: "$.input.waitSeconds", End: true };
    await expect(waitUntil(w, { input: { waitSeconds: -1 } }, b, START)).rejects.toMatchObject({
      error: "States.Runtime",
      cause: "An error occurred while executing the state 'WaitState' (entered at the event id #2). The SecondsPath parameter references a negative value: $.input.waitSeconds == -1",
    });
    await expect(waitUntil(w, { input: { waitSeconds: 1.5 } }, b, START)).rejects.toMatchObject({ cause: expect.stringContaining("cannot be parsed as a long value: $.input.waitSeconds == 1.5") });
    await expect(waitUntil(w, { input: {} }, b, START)).rejects.toMatchObject({ cause: expect.stringContaining("The SecondsPath parameter does not reference an input value: $.input.waitSeconds") });
  });
  it("TimestampPath with a bad timestamp uses AWS's recorded cause", async () => {
    const w = { Type: "Wait" as const, TimestampPath: "$.TimestampValue", End: true };
    await expect(waitUntil(w, { TimestampValue: "2016-12-05T21:29:29" }, b, START)).rejects.toMatchObject({
      cause: "An error occurred while executing the state 'WaitState' (entered at the event id #2). The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.TimestampValue == 2016-12-05T21:29:29",
    });
  });
  it("JSONata Seconds/Timestamp templates", async () => {
    const j = bindings({ queryLanguage: "JSONata" });
    expect(await waitUntil({ Type: "Wait", Seconds: "{% $states.input.n * 2 %}", End: true }, { n: 3 }, j, START)).toBe(START + 6000);
    await expect(waitUntil({ Type: "Wait", Timestamp: "{% 'soon' %}", End: true }, {}, j, START)).rejects.toMatchObject({ error: "States.QueryEvaluationError" });
  });
});

describe("RFC 3339 timestamps as recorded by AWS", () => {
  it("accepts full date-times with Z or offsets and fractions", () => {
    expect(parseTimestamp("2016-03-14T01:59:00Z")).toBe(Date.parse("2016-03-14T01:59:00Z"));
    expect(parseTimestamp("2016-03-14T01:59:00.123+02:00")).toBe(Date.parse("2016-03-13T23:59:00.123Z"));
  });
  it("rejects what AWS rejects", () => {
    for (const t of ["2016-13-05T21:29:29Z", "2016-12-05T25:29:29Z", "2016-12-05T21:29:29", "2016-12-05 21:29:29Z", "05-12-2016T21:29:29Z", "2021-02-30T00:00:00Z"]) expect(parseTimestamp(t)).toBeUndefined();
  });
});
