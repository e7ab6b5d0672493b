import { errors } from "./errors";

/** Lambda's Marker/MaxItems paging: the marker is the index of the page's first item. */
export function paginate<T>(all: T[], marker: string | undefined, max: number): { items: T[]; next: string | undefined } {
  const start = marker === undefined ? 0 : Number.parseInt(marker, 10);
  if (!Number.isInteger(start) || start < 0 || start > all.length) throw errors.InvalidParameterValueException("Invalid Marker.");
  const end = start + max;
  return { items: all.slice(start, end), next: end < all.length ? String(end) : undefined };
}
