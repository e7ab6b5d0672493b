/**
 * SQS vectors (scenarios/sqs.json, scenarios/sqs-fifo.json, and extra-sqs.json: cases written from the SQS docs): one
 * test per case, see docs/conformance.md. The shared scenarios run a second time through the native API, in the
 * virtual and the system (fake timers) clock modes; autoAdvance is left out because the long-poll cases check
 * `pending` between explicit advances, which autoAdvance races past by design.
 */
import { defineVectorSuite } from "./suite";

await defineVectorSuite("sqs.json");
await defineVectorSuite("sqs-fifo.json");
await defineVectorSuite("extra-sqs.json");

for (const clock of ["virtual", "system"] as const) {
  await defineVectorSuite("sqs.json", { driver: "native", clock });
  await defineVectorSuite("sqs-fifo.json", { driver: "native", clock });
}
