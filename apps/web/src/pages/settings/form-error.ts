import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client.ts';

export type NamePath = (string | number)[];

/** `weekly.mon.0.1` as a form name: list positions as numbers. */
export const namePathOf = (field: string): NamePath =>
  field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));

/**
 * Puts a failed save's message next to the form field the server named (its `field`, a dotted path
 * such as `teamIds` or `sla.targets.chat`); `fieldOf` maps that path to the form's own field, or to
 * undefined when the form has none for it. Answers the message when it has no field to go to.
 */
export function showApiError(
  form: FormInstance,
  error: unknown,
  fieldOf: (serverField: string) => NamePath | undefined,
): string | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof ApiError) || !error.field) return message;
  const name = fieldOf(error.field);
  if (!name) return message;
  // Beside the field its name is noise: `password: must be at least 10 characters` reads as the reason alone.
  const reason = message.startsWith(`${error.field}: `) ? message.slice(error.field.length + 2) : message;
  form.setFields([{ name, errors: [reason] }]);
  form.scrollToField(name);
  return undefined;
}

/** For flat forms: the server's field (`teamIds.0`) goes to the form field it starts with, if the form has it. */
export const topLevelField =
  (names: readonly string[]) =>
  (field: string): NamePath | undefined => {
    const first = field.split('.')[0] ?? '';
    return names.includes(first) ? [first] : undefined;
  };
