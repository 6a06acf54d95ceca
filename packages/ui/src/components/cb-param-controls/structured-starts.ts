/**
 * What a structured setting's fields show while it is unset, so a new cell draws every control: a grad
 * cell from scratch gets its steps and learning rate (greyed, "off") instead of nothing. Typing into one
 * field sets the whole value from these starts; its turn-off button (STRUCTURED_TURN_OFF) removes it again.
 */
export const STRUCTURED_STARTS: Readonly<Record<string, unknown>> = {
  // A rate and a step count that fit the lecture's 3×4 * 2×2 problem without diverging.
  train: { steps: 100, learningRate: 0.1 },
  selectedWeight: [0, 0, 0, 0],
};

/** Why the setting is off, in the words of what turning it on does. */
export const STRUCTURED_OFF: Readonly<Record<string, string>> = {
  train: 'off — type steps or a learning rate to train the kernel',
  selectedWeight: 'off — type a position to see that weight’s share at every output',
};

/**
 * The button that unsets a setting, for the settings that can be off: its label says what goes, its title
 * what the cell does then. A setting not listed (a weights cell's shape) is always on and gets no button.
 */
export const STRUCTURED_TURN_OFF: Readonly<
  Record<string, { readonly label: string; readonly title: string }>
> = {
  train: {
    label: 'Turn off training',
    title: 'Removes the steps and learning rate: the cell shows only the gradient, and trains nothing.',
  },
  selectedWeight: {
    label: 'Clear selected weight',
    title: 'Stops showing one weight’s share at every output position.',
  },
};
