/** Lambda vectors (scenarios/lambda.json and extra-lambda.json): one test per case, see docs/conformance.md. */
import { defineVectorSuite } from "./suite";

await defineVectorSuite("lambda.json");
await defineVectorSuite("extra-lambda.json");
