/** The longest project name `createProject` takes. */
export const PROJECT_NAME_MAX = 200;

const SUFFIX = ' branch';

/** A branch's name when its caller gives none: its source's, cut to fit, with " branch". */
export function branchName(sourceName: string): string {
  return `${sourceName.slice(0, PROJECT_NAME_MAX - SUFFIX.length).trimEnd()}${SUFFIX}`;
}
