import type { z } from "zod";
import { ACTION_FIELDS, inputSchema, type FieldsInput } from "@/domain/action-fields";
import type { Action } from "@/domain/workflow";

type Inputs = { [A in Action]: z.ZodType<FieldsInput<(typeof ACTION_FIELDS)[A]>> };

/**
 * What each action needs from the person taking it, built from its field description
 * (domain/action-fields.ts: the same description renders the form); actions without input take
 * an empty object.
 */
export const ACTION_INPUTS = Object.fromEntries(Object.entries(ACTION_FIELDS).map(([action, fields]) => [action, inputSchema(fields)])) as unknown as Inputs;

export type ActionInput<A extends Action> = z.output<(typeof ACTION_INPUTS)[A]>;
