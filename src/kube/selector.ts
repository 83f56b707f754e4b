/** Whether labels match an equality-based selector like "app=redis,tier!=cache" (what the labs use). */
export function matchesSelector(labels: Record<string, string> | undefined, selector: string | undefined): boolean {
  if (!selector) return true;
  return selector
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .every((term) => {
      const neq = term.split('!=');
      if (neq.length === 2) return labels?.[neq[0]!.trim()] !== neq[1]!.trim();
      const eq = term.split(/==?/);
      if (eq.length === 2) return labels?.[eq[0]!.trim()] === eq[1]!.trim();
      return labels?.[term] !== undefined;
    });
}
