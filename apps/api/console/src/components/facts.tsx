import type { ComponentChildren } from 'preact';

/** One named value of a {@link Facts} list; `attributes` go on its value (a test id, a title, a class). */
export interface Fact {
  label: ComponentChildren;
  value: ComponentChildren;
  key?: string;
  attributes?: Record<string, string>;
}

/** Named values as a definition list (`<dl>`), each pair in its own `<div>` so the styles can lay them out. */
export function Facts({ class: className, facts }: { class: string; facts: (Fact | false)[] }) {
  return (
    <dl class={className}>
      {facts
        .filter((fact): fact is Fact => fact !== false)
        .map((fact, index) => (
          <div key={fact.key ?? index}>
            <dt>{fact.label}</dt>
            <dd {...fact.attributes}>{fact.value}</dd>
          </div>
        ))}
    </dl>
  );
}
