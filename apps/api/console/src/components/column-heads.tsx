/** A table's column headings (`<th scope="col">`); an empty one, say over a column of buttons, names itself for screen readers only. */
export function ColumnHeads({ names }: { names: (string | { hidden: string })[] }) {
  return (
    <thead>
      <tr>
        {names.map((name) => (
          <th key={typeof name === 'string' ? name : name.hidden} scope="col">
            {typeof name === 'string' ? name : <span class="visually-hidden">{name.hidden}</span>}
          </th>
        ))}
      </tr>
    </thead>
  );
}
