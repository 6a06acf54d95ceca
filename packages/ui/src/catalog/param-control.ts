/**
 * A parameter as the generic editor sees it, distilled from a kind's param schema: enough to build an
 * input, a select or a checkbox, with limits and a default.
 */
export type ParamControl =
  | {
      readonly type: 'number';
      readonly name: string;
      readonly label: string;
      readonly integer: boolean;
      readonly min?: number | undefined;
      readonly max?: number | undefined;
      readonly defaultValue?: number | undefined;
      readonly optional: boolean;
      readonly description?: string | undefined;
    }
  | {
      readonly type: 'choice';
      readonly name: string;
      readonly label: string;
      readonly options: readonly string[];
      /** Also accepts a whole number (e.g. padding: 'same' or 2). */
      readonly allowsInteger?:
        | { readonly min?: number | undefined; readonly max?: number | undefined }
        | undefined;
      readonly defaultValue?: string | number | undefined;
      readonly optional: boolean;
      readonly description?: string | undefined;
    }
  | {
      readonly type: 'boolean';
      readonly name: string;
      readonly label: string;
      readonly defaultValue?: boolean;
      readonly optional: boolean;
      readonly description?: string | undefined;
    }
  /** Anything richer (objects, arrays): shown read-only as JSON; edited in dedicated editors or the file. */
  | {
      readonly type: 'other';
      readonly name: string;
      readonly label: string;
      readonly description?: string | undefined;
    };
