import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';

/**
 * A minimal `helm template` for this repository's chart, in TypeScript: there is no helm binary here, and no
 * npm package renders Go templates with Helm's functions (the WASM Go-template packages have no Sprig). It
 * implements the subset of Go's text/template and of Helm/Sprig that helm/billing uses, with their semantics:
 *
 * - actions with `{{-`/`-}}` whitespace trimming, comments, `if`/`else if`/`else`, `with`/`else`, `range`
 *   (lists and maps, maps in key order, with `$i, $v :=` or `$v :=`), `define`, variables (`$x :=`, `$x =`,
 *   `$`), pipelines, parenthesised pipelines, fields of fields (`.Values.api.port`, `$x.y`) and method calls
 *   (`.Files.Get "path"`);
 * - Go's truth (false, 0, nil, "" and empty lists and maps are false), `and`/`or` answering an operand, a
 *   missing value printing as nothing (Helm's `<no value>` removal);
 * - the functions the chart calls (FUNCTIONS below); an unknown one is an error, as in Helm.
 *
 * The chart must stay within this subset: a template using anything else fails the chart test loudly.
 */

export interface Release {
  name: string;
  namespace: string;
}

export interface RenderedChart {
  /** Rendered manifests by template path (`templates/api-deployment.yaml`), empty output left out. */
  files: Record<string, string>;
  /** Every YAML document of every manifest, parsed. */
  documents: Record<string, unknown>[];
}

/** Renders every template of `chartDir` with its values.yaml merged with `overrides` (Helm's deep merge). */
export function renderChart(
  chartDir: string,
  overrides: Record<string, unknown> = {},
  release: Release = { name: 'billing', namespace: 'default' },
): RenderedChart {
  const files = renderFiles(chartDir, overrides, release);
  const documents: Record<string, unknown>[] = [];
  for (const output of Object.values(files)) {
    for (const document of output.split(/^---\s*$/m)) {
      const value = parseYaml(document);
      if (value !== null && value !== undefined) documents.push(value as Record<string, unknown>);
    }
  }
  return { files, documents };
}

/** The rendered text of each template (empty output left out), before it is read as YAML. */
export function renderFiles(
  chartDir: string,
  overrides: Record<string, unknown> = {},
  release: Release = { name: 'billing', namespace: 'default' },
): Record<string, string> {
  const chart = parseYaml(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8')) as Record<string, unknown>;
  const values = mergeValues(parseYaml(readFileSync(join(chartDir, 'values.yaml'), 'utf8')) ?? {}, overrides);
  const templates = readdirSync(join(chartDir, 'templates'))
    .filter((name) => /\.(ya?ml|tpl)$/.test(name))
    .sort();
  const defines = new Map<string, Node[]>();
  const parsed = templates.map((name) => ({
    name: `templates/${name}`,
    nodes: parse(readFileSync(join(chartDir, 'templates', name), 'utf8'), `templates/${name}`, defines),
  }));
  const root = {
    Values: values,
    Release: { Name: release.name, Namespace: release.namespace, Service: 'Helm', IsInstall: true, IsUpgrade: false, Revision: 1 },
    Chart: Object.fromEntries(Object.entries(chart).map(([key, value]) => [key[0].toUpperCase() + key.slice(1), value])),
    Files: { Get: (path: string) => readFileSync(join(chartDir, path), 'utf8') },
    Capabilities: { KubeVersion: { Version: 'v1.30.0', Major: '1', Minor: '30' } },
  };
  const files: Record<string, string> = {};
  for (const { name, nodes } of parsed) {
    if (name.split('/').pop()!.startsWith('_')) continue; // partials only define
    const output = new Renderer(defines, root, name).render(nodes, root, new Scope(root));
    if (output.trim() !== '') files[name] = output;
  }
  return files;
}

/** Helm's values merge: maps merge key by key, anything else (lists included) is replaced; null deletes. */
export function mergeValues(base: unknown, override: unknown): unknown {
  if (!isMap(base) || !isMap(override)) return override === undefined ? base : override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete merged[key];
    else merged[key] = mergeValues(base[key], value);
  }
  return merged;
}

// ---- parsing ----------------------------------------------------------------------------------------------

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'output'; pipeline: Pipeline }
  | { kind: 'if'; branches: { condition: Pipeline; body: Node[] }[]; otherwise: Node[] }
  | { kind: 'with'; pipeline: Pipeline; body: Node[]; otherwise: Node[] }
  | { kind: 'range'; pipeline: Pipeline; body: Node[]; otherwise: Node[] };

interface Pipeline {
  declare?: { names: string[]; assign: boolean };
  commands: Operand[][];
}

type Operand =
  | { kind: 'literal'; value: unknown }
  | { kind: 'dot'; fields: string[] }
  | { kind: 'variable'; name: string; fields: string[] }
  | { kind: 'function'; name: string }
  | { kind: 'group'; pipeline: Pipeline; fields: string[] };

interface Block {
  keyword: 'if' | 'with' | 'range' | 'define';
  node?: Node;
  name?: string;
  /** Where the nodes of the current branch go. */
  body: Node[];
}

interface Action {
  start: number;
  end: number;
  body: string;
  comment: boolean;
  trimLeft: boolean;
  trimRight: boolean;
}

/**
 * The next `{{ … }}` from `from`, as Go's lexer reads it: `{{- ` and ` -}}` trim, a comment runs to its `*\/`,
 * and braces inside quoted strings (`{{ "}}" }}`) do not close the action.
 */
function nextAction(source: string, from: number, file: string): Action | undefined {
  const start = source.indexOf('{{', from);
  if (start < 0) return undefined;
  let index = start + 2;
  const trimLeft = /^-\s/.test(source.slice(index, index + 2));
  if (trimLeft) index += 1;
  const commentAt = /^\s*\/\*/.exec(source.slice(index));
  if (commentAt) {
    const close = source.indexOf('*/', index + commentAt[0].length);
    const after = close < 0 ? null : /^(\s-)?\}\}/.exec(source.slice(close + 2));
    if (!after) throw new Error(`${file}: unterminated comment`);
    return { start, end: close + 2 + after[0].length, body: '', comment: true, trimLeft, trimRight: Boolean(after[1]) };
  }
  for (let quote: string | undefined; index < source.length; index++) {
    const char = source[index];
    if (quote) {
      if (char === '\\' && quote === '"') index++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === '`') quote = char;
    else if (source.startsWith('}}', index)) {
      const body = source.slice(start + 2 + (trimLeft ? 1 : 0), index);
      const trimRight = /\s-$/.test(body);
      return { start, end: index + 2, body: (trimRight ? body.slice(0, -1) : body).trim(), comment: false, trimLeft, trimRight };
    }
  }
  throw new Error(`${file}: unclosed action at ${start}`);
}

function parse(source: string, file: string, defines: Map<string, Node[]>): Node[] {
  const top: Node[] = [];
  const stack: Block[] = [];
  const current = () => (stack.length ? stack[stack.length - 1].body : top);
  let position = 0;
  let trimNextText = false;
  for (let action = nextAction(source, 0, file); action; action = nextAction(source, position, file)) {
    let text = source.slice(position, action.start);
    if (trimNextText) text = text.replace(/^\s+/, '');
    if (action.trimLeft) text = text.replace(/\s+$/, '');
    if (text) current().push({ kind: 'text', text });
    position = action.end;
    trimNextText = action.trimRight;
    if (action.comment) continue;
    const body = action.body;
    const tokens = tokenize(body, file);
    const keyword = tokens[0]?.kind === 'identifier' ? tokens[0].text : undefined;
    if (keyword === 'if' || keyword === 'with' || keyword === 'range') {
      const pipeline = parsePipeline(tokens.slice(1), file, keyword === 'range');
      const node: Node =
        keyword === 'if'
          ? { kind: 'if', branches: [{ condition: pipeline, body: [] }], otherwise: [] }
          : { kind: keyword, pipeline, body: [], otherwise: [] };
      current().push(node);
      stack.push({
        keyword,
        node,
        body: keyword === 'if' ? (node as Extract<Node, { kind: 'if' }>).branches[0].body : (node as { body: Node[] }).body,
      });
    } else if (keyword === 'else') {
      const block = stack[stack.length - 1];
      if (!block || block.keyword === 'define') throw new Error(`${file}: else outside if, with or range`);
      if (tokens[1]?.kind === 'identifier' && tokens[1].text === 'if') {
        if (block.keyword !== 'if') throw new Error(`${file}: else if inside ${block.keyword}`);
        const branch = { condition: parsePipeline(tokens.slice(2), file), body: [] as Node[] };
        (block.node as Extract<Node, { kind: 'if' }>).branches.push(branch);
        block.body = branch.body;
      } else {
        block.body = (block.node as { otherwise: Node[] }).otherwise;
      }
    } else if (keyword === 'end') {
      const block = stack.pop();
      if (!block) throw new Error(`${file}: end without a block`);
      if (block.keyword === 'define') defines.set(block.name!, block.body);
    } else if (keyword === 'define') {
      const name = tokens[1];
      if (name?.kind !== 'string') throw new Error(`${file}: define needs a name`);
      stack.push({ keyword: 'define', name: name.value as string, body: [] });
    } else if (keyword === 'template' || keyword === 'block') {
      throw new Error(`${file}: "${keyword}" is not supported by this renderer: use include`);
    } else {
      current().push({ kind: 'output', pipeline: parsePipeline(tokens, file, true) });
    }
  }
  let rest = source.slice(position);
  if (trimNextText) rest = rest.replace(/^\s+/, '');
  if (rest) current().push({ kind: 'text', text: rest });
  if (stack.length) throw new Error(`${file}: unclosed ${stack[stack.length - 1].keyword}`);
  return top;
}

type Token =
  | { kind: 'string'; value: string; text: string }
  | { kind: 'number'; value: number; text: string }
  | { kind: 'identifier'; text: string }
  | { kind: 'field'; text: string; fields: string[] }
  | { kind: 'variable'; text: string; name: string; fields: string[] }
  | { kind: 'punct'; text: string };

function tokenize(action: string, file: string): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s+|("(?:[^"\\]|\\.)*")|(`[^`]*`)|(-?\d+(?:\.\d+)?)|(\$[A-Za-z_0-9]*)((?:\.[A-Za-z_][A-Za-z_0-9]*)*)|((?:\.[A-Za-z_][A-Za-z_0-9]*)+|\.)|([A-Za-z_][A-Za-z_0-9]*)|(:=|=|\(|\)|\||,)/y;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < action.length && (match = pattern.exec(action))) {
    const [text, quoted, raw, number, variable, variableFields, field, identifier, punct] = match;
    if (quoted) tokens.push({ kind: 'string', value: JSON.parse(quoted) as string, text });
    else if (raw) tokens.push({ kind: 'string', value: raw.slice(1, -1), text });
    else if (number) tokens.push({ kind: 'number', value: Number(number), text });
    else if (variable)
      tokens.push({ kind: 'variable', text, name: variable, fields: variableFields ? variableFields.slice(1).split('.') : [] });
    else if (field) tokens.push({ kind: 'field', text, fields: field === '.' ? [] : field.slice(1).split('.') });
    else if (identifier) tokens.push({ kind: 'identifier', text });
    else if (punct) tokens.push({ kind: 'punct', text });
  }
  if (pattern.lastIndex < action.length) throw new Error(`${file}: cannot read "${action.slice(pattern.lastIndex)}" in {{ ${action} }}`);
  return tokens;
}

function parsePipeline(tokens: Token[], file: string, mayDeclare = false): Pipeline {
  const pipeline: Pipeline = { commands: [] };
  const assignAt = tokens.findIndex((token) => token.kind === 'punct' && (token.text === ':=' || token.text === '='));
  if (mayDeclare && assignAt > 0 && tokens.slice(0, assignAt).every((token) => token.kind === 'variable' || token.text === ',')) {
    pipeline.declare = {
      names: tokens.slice(0, assignAt).flatMap((token) => (token.kind === 'variable' ? [token.name] : [])),
      assign: tokens[assignAt].text === '=',
    };
    tokens = tokens.slice(assignAt + 1);
  }
  let command: Operand[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token.kind === 'punct' && token.text === '|') {
      pipeline.commands.push(command);
      command = [];
    } else if (token.kind === 'punct' && token.text === '(') {
      let depth = 1;
      let end = index + 1;
      for (; end < tokens.length && depth > 0; end++) {
        if (tokens[end].text === '(') depth++;
        if (tokens[end].text === ')') depth--;
      }
      if (depth !== 0) throw new Error(`${file}: unbalanced parenthesis`);
      command.push({ kind: 'group', pipeline: parsePipeline(tokens.slice(index + 1, end - 1), file), fields: [] });
      index = end - 1;
    } else if (token.kind === 'string' || token.kind === 'number') command.push({ kind: 'literal', value: token.value });
    else if (token.kind === 'field') command.push({ kind: 'dot', fields: token.fields });
    else if (token.kind === 'variable') command.push({ kind: 'variable', name: token.name, fields: token.fields });
    else if (token.kind === 'identifier') {
      const constants: Record<string, unknown> = { true: true, false: false, nil: null };
      command.push(
        Object.hasOwn(constants, token.text) ? { kind: 'literal', value: constants[token.text] } : { kind: 'function', name: token.text },
      );
    } else throw new Error(`${file}: unexpected "${token.text}"`);
  }
  pipeline.commands.push(command);
  if (pipeline.commands.some((part) => part.length === 0)) throw new Error(`${file}: empty command in a pipeline`);
  return pipeline;
}

// ---- evaluation -------------------------------------------------------------------------------------------

class Scope {
  private readonly variables = new Map<string, unknown>();

  constructor(
    root: unknown,
    private readonly parent?: Scope,
  ) {
    if (!parent) this.variables.set('$', root);
  }

  child(): Scope {
    return new Scope(undefined, this);
  }

  declare(name: string, value: unknown) {
    this.variables.set(name, value);
  }

  assign(name: string, value: unknown) {
    if (this.variables.has(name)) this.variables.set(name, value);
    else if (this.parent) this.parent.assign(name, value);
    else throw new Error(`undefined variable ${name}`);
  }

  get(name: string): unknown {
    if (this.variables.has(name)) return this.variables.get(name);
    if (this.parent) return this.parent.get(name);
    throw new Error(`undefined variable ${name}`);
  }
}

class Renderer {
  constructor(
    private readonly defines: Map<string, Node[]>,
    private readonly root: unknown,
    private readonly file: string,
  ) {}

  render(nodes: Node[], dot: unknown, scope: Scope): string {
    let output = '';
    for (const node of nodes) {
      if (node.kind === 'text') output += node.text;
      else if (node.kind === 'output') {
        const value = this.pipeline(node.pipeline, dot, scope);
        if (!node.pipeline.declare) output += printed(value);
      } else if (node.kind === 'if') {
        const branch = node.branches.find((candidate) => truthy(this.pipeline(candidate.condition, dot, scope.child())));
        output += this.render(branch ? branch.body : node.otherwise, dot, scope.child());
      } else if (node.kind === 'with') {
        const inner = scope.child();
        const value = this.pipeline(node.pipeline, dot, inner);
        output += truthy(value) ? this.render(node.body, value, inner) : this.render(node.otherwise, dot, scope.child());
      } else {
        const inner = scope.child();
        const declared = node.pipeline.declare?.names ?? [];
        const collection = this.pipeline({ commands: node.pipeline.commands }, dot, inner);
        const entries: [unknown, unknown][] = Array.isArray(collection)
          ? collection.map((value, index) => [index, value])
          : isMap(collection)
            ? Object.keys(collection)
                .sort()
                .map((key) => [key, collection[key]])
            : collection === null || collection === undefined
              ? []
              : fail(`${this.file}: range over ${typeof collection}`);
        if (entries.length === 0) output += this.render(node.otherwise, dot, scope.child());
        for (const [key, value] of entries) {
          const iteration = inner.child();
          if (declared.length === 1) iteration.declare(declared[0], value);
          if (declared.length === 2) {
            iteration.declare(declared[0], key);
            iteration.declare(declared[1], value);
          }
          output += this.render(node.body, value, iteration);
        }
      }
    }
    return output;
  }

  private pipeline(pipeline: Pipeline, dot: unknown, scope: Scope): unknown {
    let value: unknown;
    pipeline.commands.forEach((command, index) => {
      value = this.command(command, dot, scope, index === 0 ? [] : [value]);
    });
    if (pipeline.declare) {
      for (const name of pipeline.declare.names) {
        if (pipeline.declare.assign) scope.assign(name, value);
        else scope.declare(name, value);
      }
    }
    return value;
  }

  private command(command: Operand[], dot: unknown, scope: Scope, piped: unknown[]): unknown {
    const [head, ...rest] = command;
    const args = () => [...rest.map((operand) => this.operand(operand, dot, scope)), ...piped];
    if (head.kind === 'function') {
      if (head.name === 'include') {
        const [name, data] = args();
        const body = this.defines.get(name as string) ?? fail(`${this.file}: include of undefined "${String(name)}"`);
        return this.render(body, data, new Scope(this.root));
      }
      return functionNamed(head.name, this.file)(...args());
    }
    const value = this.operand(head, dot, scope);
    if (typeof value === 'function') return (value as (...values: unknown[]) => unknown)(...args());
    if (rest.length > 0 || piped.length > 0) fail(`${this.file}: cannot give arguments to a value`);
    return value;
  }

  private operand(operand: Operand, dot: unknown, scope: Scope): unknown {
    switch (operand.kind) {
      case 'literal':
        return operand.value;
      case 'dot':
        return fieldsOf(dot, operand.fields);
      case 'variable':
        return fieldsOf(scope.get(operand.name), operand.fields);
      case 'group':
        return fieldsOf(this.pipeline(operand.pipeline, dot, scope), operand.fields);
      case 'function': {
        return functionNamed(operand.name, this.file)();
      }
    }
  }
}

function functionNamed(name: string, file: string): (...args: unknown[]) => unknown {
  return Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : fail(`${file}: function "${name}" not defined`);
}

function fieldsOf(value: unknown, fields: string[]): unknown {
  let current = value;
  for (const field of fields) {
    if (current === null || current === undefined) return undefined; // missing: prints as nothing
    if (!isMap(current)) fail(`can't evaluate field ${field} in ${typeof current}`);
    current = current[field];
  }
  return current;
}

/** Go's truth: false, 0, nil, empty strings, lists and maps are false. */
function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isMap(value)) return Object.keys(value).length > 0;
  return true;
}

function printed(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return fail(`cannot print a ${Array.isArray(value) ? 'list' : 'map'} (use toYaml)`);
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(message: string): never {
  throw new Error(message);
}

function indent(spaces: number, text: unknown): string {
  const pad = ' '.repeat(spaces);
  return String(text)
    .split('\n')
    .map((line) => pad + line)
    .join('\n');
}

/** sigs.k8s.io/yaml as Helm's toYaml uses it: keys sorted, no trailing newline. */
function toYaml(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  return stringifyYaml(value, { sortMapEntries: true, lineWidth: 0 }).replace(/\n$/, '');
}

/** Go's fmt verbs the chart uses: %s, %d, %v, %q. */
function printf(format: string, ...values: unknown[]): string {
  let index = 0;
  return format.replace(/%([sdvq%])/g, (_, verb: string) => {
    if (verb === '%') return '%';
    const value = values[index++];
    return verb === 'q' ? JSON.stringify(String(value)) : printed(value);
  });
}

/** The Go template and Sprig functions the chart uses, with Helm's argument order (the piped value last). */
const FUNCTIONS: Record<string, (...args: unknown[]) => unknown> = {
  default: (fallback, value) => (truthy(value) ? value : fallback),
  required: (message, value) => (value === null || value === undefined || value === '' ? fail(String(message)) : value),
  fail: (message) => fail(String(message)),
  quote: (value) => JSON.stringify(value === null || value === undefined ? '' : printed(value)),
  toString: (value: unknown) => printed(value),
  toYaml: (value: unknown) => toYaml(value),
  toJson: (value) => JSON.stringify(value ?? null),
  indent: (spaces, text) => indent(Number(spaces), text),
  nindent: (spaces, text) => `\n${indent(Number(spaces), text)}`,
  trunc: (length, text) => String(text).slice(0, Number(length)),
  trimSuffix: (suffix, text) => (String(text).endsWith(String(suffix)) ? String(text).slice(0, -String(suffix).length) : String(text)),
  contains: (part, text) => String(text).includes(String(part)),
  replace: (from, to, text) => String(text).split(String(from)).join(String(to)),
  printf: (format, ...values) => printf(String(format), ...values),
  not: (value) => !truthy(value),
  and: (...values) => values.find((value) => !truthy(value)) ?? values[values.length - 1],
  or: (...values) => values.find((value) => truthy(value)) ?? values[values.length - 1],
  eq: (a, ...others) => others.some((other) => other === a),
  ne: (a, b) => a !== b,
  empty: (value) => !truthy(value),
  hasKey: (map, key) => isMap(map) && Object.prototype.hasOwnProperty.call(map, String(key)),
  list: (...values) => values,
  dict: (...pairs: unknown[]) =>
    Object.fromEntries(Array.from({ length: pairs.length / 2 }, (_, index) => [String(pairs[2 * index]), pairs[2 * index + 1]])),
  int: (value) => Math.trunc(Number(value)),
  index: (collection, ...keys) =>
    keys.reduce(
      (value, key) => (isMap(value) || Array.isArray(value) ? (value as Record<string, unknown>)[String(key)] : undefined),
      collection,
    ),
};
