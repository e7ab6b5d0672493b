/** SNS vectors (scenarios/sns.json, patterns/sns-attributes.json, patterns/sns-body.json), see docs/conformance.md. */
import { defineVectorSuite } from "./suite";

await defineVectorSuite("sns.json");
await defineVectorSuite("sns-attributes.json");
await defineVectorSuite("sns-body.json");
await defineVectorSuite("extra-sns.json");
await defineVectorSuite("extra-sns-filter.json");
