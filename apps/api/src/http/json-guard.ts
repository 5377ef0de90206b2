import { FieldError } from '@billing/kernel';

/** Deeper than any request of the API needs (a plan's charge tiers are 5 levels): beyond it, refused. */
export const MAX_JSON_DEPTH = 32;

/**
 * What JSON.parse lets through but the API must not store or walk: objects nested beyond MAX_JSON_DEPTH
 * (a stack overflow in validation), the same key twice in one object (JSON.parse silently keeps the last),
 * NUL characters (PostgreSQL's text cannot hold them) and lone UTF-16 surrogates (not Unicode; PostgreSQL
 * refuses them as UTF-8) in any key or string. One iterative pass over the raw text, so that no nesting
 * can overflow the stack; answers the first problem with the field it is at (`charges[0].prices[1].currency`
 * spelling), or null. Syntax errors are left to JSON.parse.
 */
export function inspectJson(text: string): FieldError | null {
  const frames: { kind: 'object' | 'array'; keys: Set<string>; key: string | null; index: number }[] = [];
  const path = () => {
    let field = '';
    for (const frame of frames) {
      if (frame.kind === 'array') field += `[${frame.index}]`;
      else if (frame.key !== null) field += field ? `.${frame.key}` : frame.key;
    }
    return field || 'body';
  };
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return null;
      const value = decodeJsonString(text.slice(i + 1, end));
      i = end;
      if (value === null) return null;
      const frame = frames[frames.length - 1];
      if (expectKey && frame?.kind === 'object') {
        frame.key = value;
        if (frame.keys.has(value)) return { field: path(), message: 'appears more than once in its object' };
        frame.keys.add(value);
        expectKey = false;
      }
      const problem = unstorable(value);
      if (problem) return { field: path(), message: problem };
    } else if (char === '{' || char === '[') {
      if (frames.length >= MAX_JSON_DEPTH) return { field: path(), message: `nests deeper than ${MAX_JSON_DEPTH} levels` };
      frames.push({ kind: char === '{' ? 'object' : 'array', keys: new Set(), key: null, index: 0 });
      expectKey = char === '{';
    } else if (char === '}' || char === ']') {
      frames.pop();
    } else if (char === ',') {
      const frame = frames[frames.length - 1];
      if (frame?.kind === 'array') frame.index++;
      else if (frame) expectKey = true;
    }
  }
  return null;
}

/** The index of the quote that closes the string opening at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

/** The value of a JSON string's contents (between its quotes), or null when an escape is malformed. */
function decodeJsonString(raw: string): string | null {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return null;
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored, or null. */
function unstorable(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must not contain unpaired UTF-16 surrogates';
  return null;
}

/** The same checks for a value that did not come from a JSON body (a path parameter, a query filter). */
export function unstorableText(value: string): string | null {
  return unstorable(value);
}
