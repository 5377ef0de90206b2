/** A request's parameters as Stripe reads them: nested objects and arrays from bracketed keys. */
export type StripeParams = { [key: string]: StripeParam };
export type StripeParam = string | StripeParam[] | StripeParams;

/**
 * Parses an `application/x-www-form-urlencoded` body (or a query string) the way Stripe does: `a[b]=1` is
 * `{ a: { b: '1' } }`, `a[0]=x&a[1]=y` (the SDK's array encoding) and `a[]=x` are arrays, values stay strings.
 */
export function parseStripeForm(encoded: string): StripeParams {
  const root: StripeParams = {};
  for (const [key, value] of new URLSearchParams(encoded)) {
    const path = keyPath(key);
    let node: StripeParams = root;
    path.forEach((segment, index) => {
      const last = index === path.length - 1;
      const name = segment === '' ? String(Object.keys(node).length) : segment;
      if (last) node[name] = value;
      else node = (node[name] ??= {}) as StripeParams;
    });
  }
  return arraysOf(root) as StripeParams;
}

/** `metadata[payment_id]` → `['metadata', 'payment_id']`. */
function keyPath(key: string): string[] {
  const open = key.indexOf('[');
  if (open < 0) return [key];
  const rest = [...key.slice(open).matchAll(/\[([^\]]*)\]/g)].map((match) => match[1]);
  return [key.slice(0, open), ...rest];
}

/** Objects whose keys are 0, 1, … n−1 become arrays (the SDK sends `payment_method_types[0]=card`). */
function arraysOf(value: StripeParam): StripeParam {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const entries = keys.map((key) => [key, arraysOf(value[key])] as const);
  if (keys.length > 0 && keys.every((key, index) => key === String(index))) return entries.map(([, item]) => item);
  return Object.fromEntries(entries);
}
