/**
 * A command as the student should type it in `namespace`: {{namespace}} replaced, and outside "default"
 * "-n <namespace>" right after each kubectl (so it reaches kubectl, not the program kubectl runs). A command
 * that already names a namespace is left alone.
 */
export function commandFor(command: string, namespace: string): string {
  const filled = command.replace(/\{\{\s*namespace\s*\}\}/g, namespace);
  if (namespace === 'default') return filled;
  return filled.replace(/(^|[\n;&|(]\s*|\$\(\s*)kubectl(?=\s)(?![^\n]*?\s(?:-n|--namespace)[\s=])/g, `$1kubectl -n ${namespace}`);
}

/** `kubectl <args>` as typed in `namespace`. */
export function kubectl(namespace: string, args: string): string {
  return commandFor(`kubectl ${args}`, namespace);
}
