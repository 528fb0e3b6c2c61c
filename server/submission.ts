import "server-only";
import type { IncomingFile } from "./attachments";
import { badRequest } from "@/lib/errors";

/** Splits submitted form data into the text fields and the attached files. */
export async function splitFormData(form: FormData): Promise<{ raw: Record<string, unknown>; files: IncomingFile[] }> {
  const raw: Record<string, unknown> = {};
  const files: IncomingFile[] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") {
      if (name.startsWith("$ACTION")) continue;
      if (name in raw) throw badRequest(`Field "${name}" was sent more than once`);
      raw[name] = value;
    } else if (name === "attachments") {
      if (value.size === 0 && !value.name) continue;
      files.push({ name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
    } else {
      throw badRequest(`Unexpected file field "${name}"`);
    }
  }
  return { raw, files };
}
