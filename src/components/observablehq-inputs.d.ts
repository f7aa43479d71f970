/**
 * The part of Observable Inputs (which ships no types) that the components call. Each input is an element
 * whose `value` is the current choice and which emits `input` events.
 */
declare module "@observablehq/inputs" {
  export interface InputOptions<T> {
    label?: string;
    value?: T;
    format?: (item: T) => string;
    [option: string]: unknown;
  }
  export function select<T>(data: Iterable<T>, options?: InputOptions<T>): HTMLElement & {value: T};
}
