/**
 * C0 control characters other than tab, newline and carriage return, and DEL. Nobody types them
 * into a name or a description; NUL cannot even be stored in PostgreSQL text (it failed with a 500
 * before this check), and escape sequences would reach the terminals of CLI users listing repos.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const CONTROL_CHARACTERS_MESSAGE = "Must not contain control characters";

/** The dotted paths of every string in `value` (objects and arrays walked) with a control character. */
export function fieldsWithControlCharacters(value: unknown, path = ""): string[] {
  if (typeof value === "string") return CONTROL.test(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => fieldsWithControlCharacters(v, path ? `${path}.${i}` : String(i)));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => fieldsWithControlCharacters(v, path ? `${path}.${k}` : k));
  return [];
}

/** Field errors for the strings with control characters (`where` names a top-level value). */
export function controlCharacterErrors(value: unknown, where: string): Record<string, string[]> | null {
  const fields = fieldsWithControlCharacters(value);
  if (fields.length === 0) return null;
  return Object.fromEntries(fields.map((f) => [f || where, [CONTROL_CHARACTERS_MESSAGE]]));
}
