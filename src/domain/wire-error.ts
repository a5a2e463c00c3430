/**
 * A vendor answer that does not have the shape we rely on. Structurally a `VendorError` of kind
 * `malformed` (connectors/http-client.ts), so a caller can return it where a VendorError is
 * expected: it is not retryable, since asking again returns the same record.
 */
export interface WireError {
  kind: "malformed";
  retryable: false;
  vendor: "qbo" | "hubspot";
  /** The vendor's entity or object type, e.g. `Invoice`, `line_items`. */
  entity: string;
  /** The record's id when the answer had a readable one. */
  id?: string;
  /** Where the first problem is, e.g. `Line.0.Amount` (list variants prefix the row index). */
  path: string;
  message: string;
}

/** Some rows parsed, some did not: for screens that would rather show the good ones. */
export interface Partitioned<T> {
  values: T[];
  errors: WireError[];
}
