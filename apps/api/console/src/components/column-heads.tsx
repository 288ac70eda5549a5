/** A column heading: its text, one for screen readers only (over a column of buttons), or one with a class (`wide-only`). */
type Head = string | { hidden: string } | { text: string; class: string };

/** A table's column headings (`<th scope="col">`). */
export function ColumnHeads({ names }: { names: Head[] }) {
  return (
    <thead>
      <tr>
        {names.map((name) =>
          typeof name === 'string' ? (
            <th key={name} scope="col">
              {name}
            </th>
          ) : 'hidden' in name ? (
            <th key={name.hidden} scope="col">
              <span class="visually-hidden">{name.hidden}</span>
            </th>
          ) : (
            <th key={name.text} scope="col" class={name.class}>
              {name.text}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
