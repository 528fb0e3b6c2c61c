/** Turns a field-error key such as `tooShort|5` into text with the given translator of `errors.*`. */
export function translateError(t: (key: string, values?: Record<string, string | number>) => string, key: string): string {
  const [name, param] = key.split("|", 2) as [string, string | undefined];
  try {
    return t(name, param === undefined ? undefined : { n: param });
  } catch {
    return t("invalid");
  }
}
