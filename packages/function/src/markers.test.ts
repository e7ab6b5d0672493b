import { createSimContext } from "@simcloud/core";
import { awsError } from "@simcloud/core/testing";
import { describe, expect, it } from "vitest";
import { createFunctionService } from "./lambda";

describe("Marker / MaxItems on core's paginate", () => {
  it("pages every listing with opaque markers and refuses a forged, numeric or foreign marker with Invalid Marker.", async () => {
    const lambda = createFunctionService(createSimContext());
    for (const name of ["a", "b", "c"]) await lambda.createFunction({ FunctionName: name, handler: () => name });
    for (const version of ["1", "2"]) {
      await lambda.updateFunctionCode({ FunctionName: "a", handler: () => version });
      await lambda.publishVersion({ FunctionName: "a" });
    }
    for (const name of ["x", "y", "z"]) await lambda.createAlias({ FunctionName: "a", Name: name, FunctionVersion: "1" });

    const names: string[] = [];
    let marker: string | undefined;
    do {
      const page = await lambda.listFunctions({ MaxItems: 2, ...(marker === undefined ? {} : { Marker: marker }) });
      names.push(...page.Functions.map((fn) => fn.FunctionName ?? ""));
      marker = page.NextMarker;
    } while (marker !== undefined);
    expect(names).toEqual(["a", "b", "c"]);

    const versions = await lambda.listVersionsByFunction({ FunctionName: "a", MaxItems: 2 });
    expect(versions.Versions.map((v) => v.Version)).toEqual(["$LATEST", "1"]);
    const rest = await lambda.listVersionsByFunction({ FunctionName: "a", MaxItems: 2, Marker: versions.NextMarker });
    expect([rest.Versions.map((v) => v.Version), rest.NextMarker]).toEqual([["2"], undefined]);

    const aliases = await lambda.listAliases({ FunctionName: "a", MaxItems: 1 });
    expect(aliases.Aliases.map((alias) => alias.Name)).toEqual(["x"]);
    const foreign = aliases.NextMarker;
    for (const bad of ["1", "garbage", `${foreign ?? ""}x`, foreign]) {
      const error = await awsError(lambda.listVersionsByFunction({ FunctionName: "a", Marker: bad }));
      expect([error.code, error.statusCode, error.message]).toEqual(["InvalidParameterValueException", 400, "Invalid Marker."]);
    }
    // A marker is bound to its listing's filters: one from another function's aliases is refused too.
    const other = await awsError(lambda.listAliases({ FunctionName: "b", Marker: foreign }));
    expect(other.message).toBe("Invalid Marker.");
    expect((await awsError(lambda.listEventSourceMappings({ Marker: "0" }))).message).toBe("Invalid Marker.");
  });
});
