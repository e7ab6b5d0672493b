/** Kinesis vectors (scenarios/kinesis.json and extra-kinesis.json: cases written from the Kinesis docs), see docs/conformance.md. */
import { defineVectorSuite } from "./suite";

await defineVectorSuite("kinesis.json");
await defineVectorSuite("extra-kinesis.json");
await defineVectorSuite("parity-kinesis.json");
