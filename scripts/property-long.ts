/**
 * The long run of the SQS conservation model (packages/simcloud/src/queue-model.ts): thousands of random sequences,
 * reported as sequences, operations, messages and counterexamples (shrunk by fast-check).
 *
 *   node --conditions=@simcloud/source --import tsx scripts/property-long.ts [sequences=2000] [maxLength=60] [seed=1]
 */
import fc from "fast-check";
import { runSequence, sequence, type RunStats } from "../packages/simcloud/src/queue-model";

const [runs = 2_000, maxLength = 60, seed = 1] = process.argv.slice(2).map(Number);
const totals = { sequences: 0, operations: 0, messages: 0 };
const started = performance.now();
const result = await fc.check(
  fc.asyncProperty(sequence(maxLength), fc.integer({ min: 1, max: 1_000_000 }), async (ops, cloudSeed) => {
    const stats: RunStats = await runSequence(ops, cloudSeed);
    totals.sequences++;
    totals.operations += stats.operations;
    totals.messages += stats.messages;
    if (totals.sequences % 250 === 0) console.log(`  … ${totals.sequences} sequences, ${totals.operations} operations, ${totals.messages} messages`);
  }),
  { numRuns: runs, seed },
);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`SQS conservation model: ${runs} sequences requested (max length ${maxLength}, seed ${seed}), ${seconds} s`);
console.log(`  passed: ${totals.sequences} sequences, ${totals.operations} operations, ${totals.messages} messages through standard, FIFO, DLQ and Lambda-mapped queues`);
if (result.failed) {
  console.log(`  counterexamples: 1 (after ${result.numRuns} runs, ${result.numShrinks} shrinks)`);
  console.log(`  ${JSON.stringify(result.counterexample)}`);
  console.log(`  ${String(result.errorInstance)}`);
  process.exitCode = 1;
} else {
  console.log("  counterexamples: none");
}
