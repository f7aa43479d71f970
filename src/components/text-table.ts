/**
 * A plain HTML table whose cells are text (`textContent`), never parsed as HTML: handles and names from data
 * are untrusted. A column may link its cells (the link's text is still the cell's text).
 */

/** A table column: the row field it shows, its header, how its values are written, and where they link to. */
export interface Column<R> {
  key: keyof R & string;
  label: string;
  format?: (value: R[keyof R & string]) => string;
  href?: (row: R) => string;
}

/** A table of `rows`; each row carries `data-key`, each cell `data-field` and `data-value`; numbers align right. */
export function textTable<R extends object>(
  rows: readonly R[],
  columns: readonly Column<R>[],
  {key, testid, document = globalThis.document}: {key: keyof R & string; testid: string; document?: Document}
): HTMLTableElement {
  const table = document.createElement("table");
  table.dataset.testid = testid;
  // Numbers align right, header included, so that digits line up under their label.
  const numeric = columns.map((column) => rows.some((row) => typeof row[column.key] === "number"));
  const header = table.createTHead().insertRow();
  columns.forEach((column, i) => {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = column.label;
    if (numeric[i]) th.style.textAlign = "right";
    header.append(th);
  });
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    tr.dataset.key = String(row[key]);
    columns.forEach((column, i) => {
      const value = row[column.key];
      const td = tr.insertCell();
      td.dataset.field = column.key;
      td.dataset.value = String(value);
      const text = column.format ? column.format(value) : String(value);
      if (column.href) {
        const link = td.appendChild(document.createElement("a"));
        link.href = column.href(row);
        link.textContent = text;
      } else {
        td.textContent = text;
      }
      if (numeric[i]) td.style.textAlign = "right";
    });
  }
  return table;
}
