import { Fragment } from 'preact';

/**
 * An error code (`PARALLEL_OPERATIONS_FAILED`) that may wrap only after its underscores,
 * never inside a word, when its column is narrow.
 */
export function ErrorCode({ code }: { code: string }) {
  const parts = code.split('_');
  return (
    <code class="error-code">
      {parts.map((part, index) => (
        <Fragment key={index}>
          {part}
          {index < parts.length - 1 && (
            <>
              _<wbr />
            </>
          )}
        </Fragment>
      ))}
    </code>
  );
}
