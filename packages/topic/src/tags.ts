import type { TagRules } from "@simcloud/core";
import { errors, invalidParameter } from "./errors";

/**
 * Tagging Amazon SNS topics with AWS's errors for each rule: a bad key or value names the member, the `aws:` prefix
 * is a TagPolicyException, more than 50 a TagLimitExceededException. Characters are not checked: SNS's recorded
 * answers never reject a tag for them.
 */
export const snsTagRules: TagRules = {
  checkCharacters: false,
  invalid: (_message, rule) => {
    switch (rule) {
      case "reserved-prefix":
        return errors.TagPolicyException("Invalid tag key: the aws: prefix is reserved for AWS use.");
      case "duplicate-key":
        return invalidParameter("Duplicated keys are not allowed.");
      case "value-length":
      case "value-characters":
      case "malformed-value":
        return invalidParameter("Tags.Value");
      default:
        return invalidParameter("Tags.Key");
    }
  },
  tooMany: () => errors.TagLimitExceededException("Could not complete request: tag quota of per resource exceeded"),
};

/** UntagResource: a key that breaks the key rules names TagKeys. */
export const snsUntagRules: TagRules = {
  ...snsTagRules,
  invalid: (message, rule) => (rule === "reserved-prefix" ? snsTagRules.invalid(message, rule) : invalidParameter("TagKeys")),
};
