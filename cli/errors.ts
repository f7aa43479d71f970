/** An error whose message is meant for the user as it is. */
export class CliError extends Error {
  override name = "CliError";
}
