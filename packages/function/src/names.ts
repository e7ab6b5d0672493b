import { errors } from "./errors";
import { requireFunctionNameText } from "./validate";

export interface FunctionRef {
  name: string;
  qualifier: string | undefined;
}

/**
 * Splits every form Lambda accepts as FunctionName: `name`, `name:qualifier`, `123456789012:function:name`
 * (partial ARN), and the full ARN, each optionally qualified.
 */
export function parseFunctionRef(text: unknown, qualifier?: string): FunctionRef {
  const value = requireFunctionNameText(text);
  let rest = value;
  if (rest.startsWith("arn:")) rest = rest.split(":").slice(5).join(":");
  else if (/^\d{12}:function:/.test(rest)) rest = rest.slice(13);
  if (rest.startsWith("function:")) rest = rest.slice("function:".length);
  const [name = "", derived] = rest.split(":");
  if (derived !== undefined && qualifier !== undefined && derived !== qualifier) {
    throw errors.InvalidParameterValueException("The derived qualifier from the function name does not match the specified qualifier.");
  }
  return { name, qualifier: qualifier ?? derived };
}
