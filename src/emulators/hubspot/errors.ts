import { randomUUID } from "node:crypto";

/**
 * HubSpot's error envelope (docs/vendors/hubspot.md §9): `status: "error"`, `message`, a uuid
 * `correlationId`, a `category`, and optionally `errors[]`, `context`, `links`. Every failure the
 * emulator answers goes through here so that a client's error decoding is exercised for real.
 */
export interface ErrorDetail {
  message: string;
  code?: string;
  in?: string;
  subCategory?: string;
  context?: Record<string, string[]>;
}

export interface HubSpotErrorBody {
  status: "error";
  message: string;
  correlationId: string;
  category: string;
  subCategory?: string;
  errors?: ErrorDetail[];
  context?: Record<string, string[]>;
  links?: Record<string, string>;
  [extra: string]: unknown;
}

export function errorBody(category: string, message: string, extra: Record<string, unknown> = {}) {
  return { status: "error", message, correlationId: randomUUID(), category, ...extra } as HubSpotErrorBody;
}

export function errorResponse(
  status: number,
  category: string,
  message: string,
  extra: Record<string, unknown> = {},
): Response {
  return Response.json(errorBody(category, message, extra), { status });
}

/** A problem found while validating one property value (the `message` JSON HubSpot embeds). */
export interface PropertyIssue {
  name: string;
  error: string;
  message: string;
}

/** 400 VALIDATION_ERROR: "Property values were not valid: [...]" with one `errors[]` entry per issue. */
export function propertyValidationResponse(issues: PropertyIssue[], portalId: number): Response {
  const embedded = issues.map((i) => ({
    isValid: false,
    message: i.message,
    error: i.error,
    name: i.name,
    localizedErrorMessage: i.message,
    portalId,
  }));
  return errorResponse(
    400,
    "VALIDATION_ERROR",
    `Property values were not valid: ${JSON.stringify(embedded)}`,
    {
      errors: issues.map((i) => ({ message: i.message, code: i.error, context: { propertyName: [i.name] } })),
    },
  );
}

export const notFoundResponse = () => errorResponse(404, "OBJECT_NOT_FOUND", "resource not found");

export const badRequest = (message: string, extra: Record<string, unknown> = {}) =>
  errorResponse(400, "VALIDATION_ERROR", message, extra);

/** The body an injected fault answers with when the test gave none (kit/faults.ts). */
export function injectedFaultBody(status: number): unknown {
  if (status === 429)
    return {
      status: "error",
      message: "You have reached your ten_secondly_rolling limit.",
      errorType: "RATE_LIMIT",
      correlationId: randomUUID(),
      policyName: "TEN_SECONDLY_ROLLING",
      requestId: randomUUID(),
    };
  if (status === 401)
    return errorBody(
      "INVALID_AUTHENTICATION",
      "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
    );
  if (status === 403) return errorBody("MISSING_SCOPES", "This app hasn't been granted all required scopes.");
  if (status === 404) return errorBody("OBJECT_NOT_FOUND", "resource not found");
  if (status === 409) return errorBody("CONFLICT", "Conflict");
  if (status === 423) return errorBody("LOCKED", "The record is locked. Try again later.");
  if (status === 477) return errorBody("MIGRATION_IN_PROGRESS", "This portal is being migrated.");
  if (status >= 500) return errorBody("INTERNAL_ERROR", "internal error");
  return errorBody("VALIDATION_ERROR", "Injected fault");
}
