import { errorResponse, propertyValidationResponse, type PropertyIssue } from "./errors.ts";

/**
 * Why a write was refused, before it becomes an HTTP answer: single-object routes turn it into
 * HubSpot's error response, batch routes into an `errors[]` entry or a whole-batch failure.
 */
export type Failure =
  | { kind: "validation"; issues: PropertyIssue[] }
  | { kind: "conflict"; message: string; existingId: string }
  | { kind: "not_found"; id: string }
  | { kind: "bad_request"; message: string };

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export const success = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const failure = <T = never>(f: Failure): Outcome<T> => ({ ok: false, failure: f });

export function failureResponse(f: Failure, portalId: number): Response {
  switch (f.kind) {
    case "validation":
      return propertyValidationResponse(f.issues, portalId);
    case "conflict":
      return errorResponse(409, "CONFLICT", f.message);
    case "not_found":
      return errorResponse(404, "OBJECT_NOT_FOUND", "resource not found");
    case "bad_request":
      return errorResponse(400, "VALIDATION_ERROR", f.message);
  }
}
