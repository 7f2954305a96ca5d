/**
 * Errors as Office.js raises them: an `OfficeExtension.Error`-shaped object with a `code`
 * from Excel.ErrorCodes (or Office's own, such as PropertyNotLoaded), a message and debugInfo.
 */
export class FakeOfficeError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  readonly traceMessages: string[] = [];

  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message, errorLocation };
  }
}

export function notLoaded(property: string): FakeOfficeError {
  return new FakeOfficeError(
    "PropertyNotLoaded",
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

export function itemNotFound(what: string): FakeOfficeError {
  return new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist. (${what})`);
}

export function accessDenied(what: string): FakeOfficeError {
  return new FakeOfficeError("AccessDenied", `The cell or chart you're trying to change is protected and therefore read-only. (${what})`);
}

export function invalidArgument(what: string): FakeOfficeError {
  return new FakeOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. (${what})`);
}

export function invalidOperation(what: string): FakeOfficeError {
  return new FakeOfficeError("InvalidOperation", `The operation is not allowed. (${what})`);
}
