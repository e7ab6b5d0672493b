/** SQS vectors (scenarios/sqs.json, scenarios/sqs-fifo.json): one test per case, see docs/conformance.md. */
import { defineVectorSuite } from "./suite";

await defineVectorSuite("sqs.json");
await defineVectorSuite("sqs-fifo.json");
