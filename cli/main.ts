/**
 * The `sway` command line. Each command lives in its own module; this file wires them into one program
 * and turns expected failures (bad input, unknown names) into a one-line message instead of a stack trace.
 */
import {Command, CommanderError} from "commander";
import {cascadeCommand} from "./cascade.js";
import {compareCommand} from "./compare.js";
import {evaluateCommand} from "./evaluate.js";
import {exportCommand} from "./export.js";
import {importCommand} from "./import.js";
import {momentsCommand} from "./moments.js";
import {scoreCommand} from "./score.js";
import {simulateCommand} from "./simulate.js";
import {kernelThread} from "../loaders/kernel-thread.js";
import {useKernels} from "../scoring/kernels.js";

export function program(): Command {
  return new Command("sway")
    .description("Sway: social influence scores for research. Import social data, score accounts, compare methods.")
    .version("0.1.0")
    .showHelpAfterError()
    .exitOverride()
    .addCommand(importCommand())
    .addCommand(scoreCommand())
    .addCommand(momentsCommand())
    .addCommand(compareCommand())
    .addCommand(evaluateCommand())
    .addCommand(cascadeCommand())
    .addCommand(exportCommand())
    .addCommand(simulateCommand());
}

/** Runs the command line and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  // Long graph kernels run on a second thread, beside the database's work and the main thread's.
  const thread = kernelThread();
  useKernels(thread);
  try {
    await program().parseAsync(argv as string[]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`sway: ${message}\n`);
    if (process.env.SWAY_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 1;
  } finally {
    useKernels(undefined);
    await thread.close();
  }
}
