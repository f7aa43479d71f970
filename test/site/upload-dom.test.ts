// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {methodSummaryTable, uploadForm, withoutLinks} from "../../src/components/upload.js";

describe("uploadForm()", () => {
  it("has a labelled multiple file input, data-testid upload, and a folder input", () => {
    const form = uploadForm();
    const input = form.querySelector<HTMLInputElement>('input[data-testid="upload"]')!;
    expect(input.type).toBe("file");
    expect(input.multiple).toBe(true);
    expect(form.querySelector(`label[for="${input.id}"]`)!.textContent).toBe("Files");
    const folder = form.querySelector<HTMLInputElement>('input[data-testid="upload-folder"]')!;
    expect(folder.hasAttribute("webkitdirectory")).toBe(true);
    expect(form.querySelector(`label[for="${folder.id}"]`)).not.toBeNull();
  });

  it("takes the chosen files as its value and announces them with one input event", () => {
    const form = uploadForm();
    const input = form.querySelector<HTMLInputElement>('input[data-testid="upload"]')!;
    const files = [new File(["1 2\n"], "edges.txt")];
    Object.defineProperty(input, "files", {value: files});
    let events = 0;
    form.addEventListener("input", (event) => {
      if (event.target === form) events++;
    });
    input.dispatchEvent(new Event("input", {bubbles: true}));
    input.dispatchEvent(new Event("change", {bubbles: true}));
    expect(form.value).toEqual(files);
    expect(events).toBe(1);
  });
});

describe("methodSummaryTable(scored)", () => {
  it("writes each method's count, top account and score, handles as text", () => {
    // Accounts in id order; x:2 ranks first.
    const values = Float64Array.of(1, 5);
    const scored = new Map([
      [
        "reactions",
        {
          method: "reactions",
          accountIds: ["x:1", "x:2"],
          values,
          scores: values,
          ranks: Int32Array.of(2, 1),
          order: Uint32Array.of(1, 0)
        }
      ]
    ]);
    const table = methodSummaryTable(scored, {
      names: new Map([["reactions", "Reactions received"]]),
      handles: new Map([["x:2", "<b>bold</b>"]])
    });
    expect(table.dataset.testid).toBe("upload-methods");
    const cells = Array.from(table.querySelectorAll("tbody td"), (td) => td.textContent);
    expect(cells).toEqual(["Reactions received", "2", "<b>bold</b>", "5"]);
    expect(table.querySelector("b")).toBeNull();
  });
});

describe("withoutLinks(element)", () => {
  it("replaces each link by its text", () => {
    const cell = document.createElement("td");
    cell.innerHTML = '<a href="profile.html">&lt;alice&gt;</a>';
    expect(withoutLinks(cell).innerHTML).toBe("&lt;alice&gt;");
    expect(cell.querySelector("a")).toBeNull();
  });
});
