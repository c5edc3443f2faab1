/**
 * The expression language: a student types a formula and gets its computational graph.
 *
 *   expr    := term (('+' | '-') term)*
 *   term    := unary (('*' | '/') unary)*
 *   unary   := '-' unary | primary
 *   primary := number | name | name '(' expr (',' expr)* ')' | '(' expr ')'
 *
 * Names are scalar variables (1 x 1, with gradients); functions are the gates: exp, log, relu,
 * sigmoid, tanh (one argument), max, min (two). Each node is named by the text it computes
 * (`x+y`, `(x+y)*z`), so a drawing of the graph reads like the formula. Errors give the
 * 1-based position in the text.
 */
import { ParameterError } from '../errors';
import { Graph, type GraphNode } from './graph';

/** Kinds of syntax error, so a page can say each in its reader's language. */
export type ExpressionErrorReason = 'unexpected' | 'empty' | 'tooLong' | 'tooDeep' | 'expected' | 'unknownFunction' | 'arity' | 'call' | 'operand' | 'trailing';

/**
 * A syntax error: the message names the position (1-based) and what was expected there; `reason`
 * and `detail` (the offending token as `found`, '' for the end; the character, the name, counts)
 * say the same as data.
 */
export class ExpressionError extends ParameterError {
  constructor(
    readonly expression: string,
    readonly position: number,
    what: string,
    readonly reason: ExpressionErrorReason,
    readonly detail: Readonly<Record<string, string | number>> = {},
  ) {
    super('expr', expression, `${what} at position ${position}`);
  }
}

const FUNCTIONS: Record<string, { gate: 'exp' | 'log' | 'relu' | 'sigmoid' | 'tanh' | 'max' | 'min'; arity: number }> = {
  exp: { gate: 'exp', arity: 1 },
  log: { gate: 'log', arity: 1 },
  relu: { gate: 'relu', arity: 1 },
  sigmoid: { gate: 'sigmoid', arity: 1 },
  tanh: { gate: 'tanh', arity: 1 },
  max: { gate: 'max', arity: 2 },
  min: { gate: 'min', arity: 2 },
};

/** The graph of an expression: its output node and its variables by name (in order of appearance). */
export interface ExpressionGraph {
  graph: Graph;
  output: GraphNode;
  variables: Map<string, GraphNode>;
}

type Token = { kind: 'num' | 'name' | 'op' | 'end'; text: string; pos: number };

/**
 * Longest expression (characters) and deepest nesting of parentheses, function calls and unary
 * minus. Every node is named by the text it computes, so a graph's names grow with the square of
 * its length: a lecture circuit has tens of characters; 2,000 keeps parsing under milliseconds,
 * and the nesting limit keeps the recursive descent far from the stack's end.
 */
export const MAX_EXPRESSION_LENGTH = 2000;
export const MAX_EXPRESSION_DEPTH = 100;

const NUMBER = /(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(src);
    if (num) { tokens.push({ kind: 'num', text: num[0], pos: i }); i += num[0].length; continue; }
    NAME.lastIndex = i;
    const name = NAME.exec(src);
    if (name) { tokens.push({ kind: 'name', text: name[0], pos: i }); i += name[0].length; continue; }
    if ('+-*/(),'.includes(c)) { tokens.push({ kind: 'op', text: c, pos: i }); i++; continue; }
    throw new ExpressionError(src, i + 1, `unexpected character "${c}"`, 'unexpected', { c });
  }
  tokens.push({ kind: 'end', text: '', pos: src.length });
  return tokens;
}

/** Parses `src` into a graph; throws ExpressionError (a ParameterError) with the position of the first error. */
export function parseExpression(src: string): ExpressionGraph {
  if (typeof src !== 'string' || src.trim() === '') throw new ExpressionError(String(src ?? ''), 1, 'an expression such as (x+y)*z', 'empty');
  if (src.length > MAX_EXPRESSION_LENGTH) throw new ExpressionError(src, MAX_EXPRESSION_LENGTH + 1, `at most ${MAX_EXPRESSION_LENGTH} characters`, 'tooLong', { n: MAX_EXPRESSION_LENGTH });
  const tokens = tokenize(src);
  let depth = 0;
  const enter = (pos: number) => {
    if (++depth > MAX_EXPRESSION_DEPTH) throw new ExpressionError(src, pos + 1, `nesting at most ${MAX_EXPRESSION_DEPTH} deep`, 'tooDeep', { n: MAX_EXPRESSION_DEPTH });
  };
  const graph = new Graph();
  const variables = new Map<string, GraphNode>();
  const constants = new Map<string, GraphNode>();
  let t = 0;
  const peek = () => tokens[t];
  const text = (start: number, end: number) => src.slice(start, end).replace(/\s+/g, '');
  const expect = (s: string) => {
    const tok = peek();
    if (tok.text !== s || tok.kind !== 'op') throw new ExpressionError(src, tok.pos + 1, `expected "${s}" but found ${describe(tok)}`, 'expected', { want: s, found: found(tok) });
    t++;
    return tok;
  };

  function expr(): GraphNode {
    const start = peek().pos;
    let left = term();
    while (peek().kind === 'op' && (peek().text === '+' || peek().text === '-')) {
      const op = tokens[t++].text;
      const right = term();
      const end = tokens[t - 1].pos + tokens[t - 1].text.length;
      left = graph.binary(op === '+' ? 'add' : 'subtract', left, right, text(start, end));
    }
    return left;
  }
  function term(): GraphNode {
    const start = peek().pos;
    let left = unary();
    while (peek().kind === 'op' && (peek().text === '*' || peek().text === '/')) {
      const op = tokens[t++].text;
      const right = unary();
      const end = tokens[t - 1].pos + tokens[t - 1].text.length;
      left = graph.binary(op === '*' ? 'multiply' : 'divide', left, right, text(start, end));
    }
    return left;
  }
  function unary(): GraphNode {
    const tok = peek();
    if (tok.kind === 'op' && tok.text === '-') {
      t++;
      enter(tok.pos);
      const x = unary();
      depth--;
      return graph.negate(x, text(tok.pos, tokens[t - 1].pos + tokens[t - 1].text.length));
    }
    return primary();
  }
  function primary(): GraphNode {
    const tok = peek();
    if (tok.kind === 'num') {
      t++;
      let c = constants.get(tok.text);
      if (!c) constants.set(tok.text, (c = graph.constant(Number(tok.text), tok.text)));
      return c;
    }
    if (tok.kind === 'name') {
      t++;
      if (peek().kind === 'op' && peek().text === '(') {
        const fn = Object.hasOwn(FUNCTIONS, tok.text) ? FUNCTIONS[tok.text] : undefined;
        if (!fn) throw new ExpressionError(src, tok.pos + 1, `a known function (${Object.keys(FUNCTIONS).join(', ')}) but found "${tok.text}"`, 'unknownFunction', { name: tok.text, list: Object.keys(FUNCTIONS).join(', ') });
        t++;
        enter(tok.pos);
        const args = [expr()];
        while (peek().kind === 'op' && peek().text === ',') { t++; args.push(expr()); }
        const close = expect(')');
        depth--;
        if (args.length !== fn.arity) throw new ExpressionError(src, tok.pos + 1, `${fn.arity} argument${fn.arity > 1 ? 's' : ''} for ${tok.text} but found ${args.length}`, 'arity', { name: tok.text, n: fn.arity, found: args.length });
        return graph.apply(fn.gate, args, text(tok.pos, close.pos + 1));
      }
      if (Object.hasOwn(FUNCTIONS, tok.text)) throw new ExpressionError(src, peek().pos + 1, `"(" after the function ${tok.text}`, 'call', { name: tok.text });
      let v = variables.get(tok.text);
      if (!v) variables.set(tok.text, (v = graph.variable(tok.text, 1, 1)));
      return v;
    }
    if (tok.kind === 'op' && tok.text === '(') {
      t++;
      enter(tok.pos);
      const inner = expr();
      expect(')');
      depth--;
      return inner;
    }
    throw new ExpressionError(src, tok.pos + 1, `a number, a name or "(" but found ${describe(tok)}`, 'operand', { found: found(tok) });
  }

  const output = expr();
  if (peek().kind !== 'end') throw new ExpressionError(src, peek().pos + 1, `an operator or the end but found ${describe(peek())}`, 'trailing', { found: found(peek()) });
  return { graph, output, variables };
}

/** The offending token as quoted text, '' for the end of the formula. */
function found(tok: Token): string {
  return tok.kind === 'end' ? '' : `"${tok.text}"`;
}

function describe(tok: Token): string {
  return tok.kind === 'end' ? 'the end' : `"${tok.text}"`;
}

/**
 * Parses, sets the variables, runs forward and backward: the lecture's circuits in one call.
 * Every variable needs a value; unknown names are an error.
 */
export function evaluateExpression(src: string, values: Record<string, number>): ExpressionGraph {
  const eg = parseExpression(src);
  const names = [...eg.variables.keys()];
  for (const key of Object.keys(values)) {
    if (!eg.variables.has(key)) throw new ParameterError('values', key, `names of the expression's variables: ${names.join(', ') || '(none)'}`);
  }
  for (const [name, node] of eg.variables) {
    // Own keys only: a variable may be called `constructor` or `__proto__`.
    const v = Object.hasOwn(values, name) ? values[name] : undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ParameterError(`values.${name}`, v, 'a finite number for every variable');
    node.value[0] = v;
  }
  eg.graph.forward(eg.output);
  if (eg.output.requiresGrad) eg.graph.backward(eg.output);
  return eg;
}
