// @vitest-environment happy-dom
import { render } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { collapseWhitespace, renderTitleField } from './title-field';

function mount(value: string, placeholder?: string) {
  const commits: string[] = [];
  const container = document.createElement('div');
  document.body.append(container);
  render(
    renderTitleField({ value, label: 'Cell title', placeholder, onCommit: (t) => commits.push(t) }),
    container,
  );
  const field = container.querySelector('textarea') as HTMLTextAreaElement;
  const wrapper = container.querySelector('.title-field') as HTMLElement;
  const type = (text: string) => {
    field.value = text;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const press = (key: string) => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    field.dispatchEvent(event);
    return event;
  };
  const blur = () => field.dispatchEvent(new Event('change', { bubbles: true }));
  return { commits, field, wrapper, type, press, blur };
}

afterEach(() => document.body.replaceChildren());

describe('renderTitleField', () => {
  it('is a named text box holding the title, sized by a copy of its text', () => {
    const { field, wrapper } = mount('Cross-correlation (flip: false)');
    expect(field.getAttribute('aria-label')).toBe('Cell title');
    expect(field.value).toBe('Cross-correlation (flip: false)');
    expect(wrapper.dataset.replica).toBe('Cross-correlation (flip: false)');
  });

  it('sizes an empty title by its placeholder, and follows every keystroke', () => {
    const { wrapper, type } = mount('', 'conv1');
    expect(wrapper.dataset.replica).toBe('conv1');
    type('Edges, then a longer title');
    expect(wrapper.dataset.replica).toBe('Edges, then a longer title');
    type('');
    expect(wrapper.dataset.replica).toBe('conv1');
  });

  it('commits on Enter without inserting a line break, and only once when focus then leaves', () => {
    const { commits, type, press, blur } = mount('Old');
    type('New title');
    expect(press('Enter').defaultPrevented).toBe(true);
    blur();
    expect(commits).toEqual(['New title']);
    type('Newer');
    blur();
    expect(commits).toEqual(['New title', 'Newer']);
  });

  it('stores a pasted line break or run of spaces as one space', () => {
    const { commits, type, blur } = mount('');
    type('  Two\nlines   here ');
    blur();
    expect(commits).toEqual(['Two lines here']);
    expect(collapseWhitespace('\ta\r\n b ')).toBe('a b');
  });

  it('leaves other keys to the field', () => {
    const { commits, type, press } = mount('x');
    type('xy');
    expect(press('a').defaultPrevented).toBe(false);
    expect(commits).toEqual([]);
  });
});
