import type { TagRules } from "@simcloud/core";
import { errors } from "./errors";
import { LIMITS } from "./limits";

/**
 * Queue tags with SQS's errors. "Amazon SQS interprets tags as character strings" (TagQueue), so characters are not
 * checked; lengths, the reserved `aws:` prefix and the 50-tag quota ("Amazon SQS queue quotas") are.
 */
export const sqsTagRules: TagRules = {
  maxTags: LIMITS.maxTags,
  checkCharacters: false,
  invalid: (message) => errors.InvalidParameterValue(message),
  tooMany: () => errors.InvalidParameterValue(`Too many tags added for queue. A queue can have at most ${LIMITS.maxTags} tags.`),
};
