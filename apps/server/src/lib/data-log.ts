/**
 * Where reads report rows they leave out because a stored value is out of bounds (written before
 * the checks existed): a pino logger such as `request.log` fits.
 */
export type DataLog = { warn(details: object, message: string): void };

/** For callers without a request (CLI, jobs, tests): the warning goes to standard error. */
export const stderrLog: DataLog = { warn: (details, message) => console.warn(message, details) };
