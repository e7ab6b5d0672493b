/** Lambda vectors (scenarios/lambda.json): one test per case, see docs/conformance.md. */
import { defineVectorSuite } from "./suite";

await defineVectorSuite("lambda.json");
