/** Runs the `sway` command as a user does (a new process) or inside the test process (faster), capturing its output. */
import {execFile} from "node:child_process";
import {promisify} from "node:util";
import {vi} from "vitest";
import {main} from "../../cli/main.js";

export interface SwayResult {
  stdout: string;
  stderr: string;
  code: number;
}

const run = promisify(execFile);

/** `node bin/sway.js …args`: a process start per call (about half a second; more when a source changed). */
export async function sway(...args: string[]): Promise<SwayResult> {
  try {
    const {stdout, stderr} = await run("node", ["bin/sway.js", ...args]);
    return {stdout, stderr, code: 0};
  } catch (error) {
    const {stdout, stderr, code} = error as SwayResult;
    return {stdout, stderr, code};
  }
}

/** The same command through `main` in this process. */
export async function swayInProcess(...args: string[]): Promise<SwayResult> {
  const output = {stdout: "", stderr: ""};
  const capture = (stream: "stdout" | "stderr") =>
    vi.spyOn(process[stream], "write").mockImplementation((chunk: string | Uint8Array) => {
      output[stream] += String(chunk);
      return true;
    });
  const spies = [capture("stdout"), capture("stderr")];
  try {
    const code = await main(["node", "sway", ...args]);
    return {...output, code};
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}
