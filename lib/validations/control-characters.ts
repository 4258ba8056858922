/**
 * C0 control characters other than tab, newline and carriage return, and DEL. Nobody types them
 * into a name or a description; NUL cannot even be stored in PostgreSQL text (it failed with a 500
 * before this check), and escape sequences would reach the terminals of CLI users listing repos.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const CONTROL_CHARACTERS_MESSAGE = "Must not contain control characters";

type Node = { value: unknown; key: string; parent: Node | null };

function pathOf(node: Node): string {
  const keys: string[] = [];
  for (let n: Node | null = node; n?.parent; n = n.parent) keys.push(n.key);
  return keys.reverse().join(".");
}

/**
 * The dotted paths of every string in `value` (objects and arrays walked) with a control character,
 * in document order. Walked with an explicit stack rather than recursion: parsed input can nest as
 * deep as its sender likes (2,000 levels overflowed the stack, a 500), and a path is spelled out
 * only for a string that is reported, so deep input costs no more than its size.
 */
export function fieldsWithControlCharacters(value: unknown): string[] {
  const found: string[] = [];
  const stack: Node[] = [{ value, key: "", parent: null }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v === "string") {
      if (CONTROL.test(v)) found.push(pathOf(node));
    } else if (v && typeof v === "object") {
      const entries = Array.isArray(v) ? v.map((item, i) => [String(i), item] as const) : Object.entries(v);
      // Pushed last to first, so the first child is popped (and reported) first.
      for (let i = entries.length - 1; i >= 0; i--)
        stack.push({ value: entries[i]![1], key: entries[i]![0], parent: node });
    }
  }
  return found;
}

/** Field errors for the strings with control characters (`where` names a top-level value). */
export function controlCharacterErrors(value: unknown, where: string): Record<string, string[]> | null {
  const fields = fieldsWithControlCharacters(value);
  if (fields.length === 0) return null;
  return Object.fromEntries(fields.map((f) => [f || where, [CONTROL_CHARACTERS_MESSAGE]]));
}
