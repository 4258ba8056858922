/**
 * Doublestar globs compiled to regular expressions, with the semantics Harbor's tag rules use
 * (github.com/bmatcuk/doublestar), so a rule copied from Harbor matches the same names here:
 * - `*` any run of characters within one path segment (no `/`); `?` one such character;
 * - `**` as a whole segment any number of segments, none included (`a/**` also matches `a`,
 *   `**` alone everything); inside a segment (`a**b`) it is a plain `*`;
 * - `[abc]`, `[a-z]`, `[!a]` / `[^a]` one character of (or not of) a class, never `/`;
 * - `{a,b}` alternatives, which may nest and hold globs themselves;
 * - `\x` the character x; everything else itself (`.` and `+` are no regex here).
 * No new dependency: Harbor's rules need this much and no more, and a pattern is compiled once.
 */
export type CompiledGlob = { ok: true; regex: RegExp } | { ok: false; error: string };

/** Patterns are short in practice; the bound keeps the compiled expressions cheap to run. */
export const MAX_GLOB_LENGTH = 128;

export function compileGlob(pattern: string): CompiledGlob {
  if (pattern.length === 0) return { ok: false, error: "Enter a pattern." };
  if (pattern.length > MAX_GLOB_LENGTH)
    return { ok: false, error: `A pattern has at most ${MAX_GLOB_LENGTH} characters.` };
  try {
    const parser = new Parser(pattern);
    const source = parser.sequence(0);
    if (parser.pos < pattern.length) throw new GlobError(`Unexpected "${pattern.charAt(parser.pos)}".`);
    return { ok: true, regex: new RegExp(`^${source}$`) };
  } catch (err) {
    if (err instanceof GlobError) return { ok: false, error: err.message };
    throw err;
  }
}

/** Whether `name` matches `pattern`; a pattern that does not compile matches nothing. */
export function globMatches(pattern: string, name: string): boolean {
  const c = compileGlob(pattern);
  return c.ok && c.regex.test(name);
}

class GlobError extends Error {}

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/-]/g;
const escapeRegex = (s: string) => s.replace(REGEX_SPECIAL, "\\$&");

class Parser {
  pos = 0;
  constructor(private readonly p: string) {}

  /** Up to the end, or inside braces up to the `,` or `}` that ends this alternative. */
  sequence(depth: number): string {
    let out = "";
    const p = this.p;
    while (this.pos < p.length) {
      const ch = p.charAt(this.pos);
      if (depth > 0 && (ch === "," || ch === "}")) return out;
      if (ch === "*") {
        out += this.star();
      } else if (ch === "?") {
        out += "[^/]";
        this.pos += 1;
      } else if (ch === "[") {
        out += this.charClass();
      } else if (ch === "{") {
        out += this.alternatives(depth);
      } else if (ch === "\\") {
        if (this.pos + 1 >= p.length) throw new GlobError("A pattern cannot end with \\.");
        out += escapeRegex(p.charAt(this.pos + 1));
        this.pos += 2;
      } else if (ch === "/" && p.startsWith("/**", this.pos) && this.segmentEndsAt(this.pos + 3)) {
        // `a/**` matches `a` itself and anything below it.
        const after = p.charAt(this.pos + 3);
        if (after === "/") {
          out += "(?:/.*)?/";
          this.pos += 4;
        } else {
          out += "(?:/.*)?";
          this.pos += 3;
        }
      } else {
        out += escapeRegex(ch);
        this.pos += 1;
      }
    }
    if (depth > 0) throw new GlobError('Unbalanced "{": close it with "}".');
    return out;
  }

  private segmentStartsAt(i: number): boolean {
    return i === 0 || "/{,".includes(this.p.charAt(i - 1));
  }

  private segmentEndsAt(i: number): boolean {
    return i >= this.p.length || "/},".includes(this.p.charAt(i));
  }

  private star(): string {
    const p = this.p;
    if (p.charAt(this.pos + 1) !== "*") {
      this.pos += 1;
      return "[^/]*";
    }
    const start = this.pos;
    while (p.charAt(this.pos) === "*") this.pos += 1;
    if (!this.segmentStartsAt(start) || !this.segmentEndsAt(this.pos)) return "[^/]*";
    // `**/` : any number of leading segments, none included; `**` at the end: anything.
    if (p.charAt(this.pos) === "/") {
      this.pos += 1;
      return "(?:.*/)?";
    }
    return ".*";
  }

  private charClass(): string {
    const p = this.p;
    let i = this.pos + 1;
    let negate = false;
    if (p.charAt(i) === "!" || p.charAt(i) === "^") {
      negate = true;
      i += 1;
    }
    let body = "";
    let first = true;
    for (;;) {
      if (i >= p.length) throw new GlobError('Unbalanced "[": close it with "]".');
      let ch = p.charAt(i);
      if (ch === "]" && !first) break;
      if (ch === "\\") {
        if (i + 1 >= p.length) throw new GlobError('Unbalanced "[": close it with "]".');
        i += 1;
        ch = p.charAt(i);
      }
      if (ch === "/") throw new GlobError('A character class cannot hold "/".');
      // A range `a-z` keeps its hyphen; every other character is taken literally.
      if (p.charAt(i + 1) === "-" && i + 2 < p.length && p.charAt(i + 2) !== "]") {
        let hi = p.charAt(i + 2);
        let skip = 3;
        if (hi === "\\" && i + 3 < p.length) {
          hi = p.charAt(i + 3);
          skip = 4;
        }
        if (hi < ch) throw new GlobError(`The range ${ch}-${hi} is reversed.`);
        body += `${escapeRegex(ch)}-${escapeRegex(hi)}`;
        i += skip;
      } else {
        body += escapeRegex(ch);
        i += 1;
      }
      first = false;
    }
    this.pos = i + 1;
    return negate ? `[^/${body}]` : `[${body}]`;
  }

  private alternatives(depth: number): string {
    this.pos += 1;
    const options: string[] = [];
    for (;;) {
      options.push(this.sequence(depth + 1));
      const ch = this.p.charAt(this.pos);
      this.pos += 1;
      if (ch === "}") break;
    }
    return `(?:${options.join("|")})`;
  }
}
