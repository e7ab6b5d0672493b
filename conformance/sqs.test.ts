/** SQS vectors (scenarios/sqs.json, scenarios/sqs-fifo.json, and extra-sqs.json: cases written from the SQS docs): one test per case, see docs/conformance.md. */
import { defineVectorSuite } from "./suite";

await defineVectorSuite("sqs.json");
await defineVectorSuite("sqs-fifo.json");
await defineVectorSuite("extra-sqs.json");
