/** A failure the user (or operator) can act on: its message is meant to be shown as is. */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "UserFacingError";
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A setting the operator must change before the process can start (a missing or wrong key, the
 * embedded database where a server was meant): the CLI exits 2 with its message, as for any bad
 * configuration.
 */
export class ConfigurationError extends UserFacingError {
  constructor(message: string) {
    super(message, "configuration");
    this.name = "ConfigurationError";
  }
}
