// Renders a Preact element tree to markup without a DOM: enough to test what a pure component draws.
import type { VNode } from 'preact';

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderMarkup(node: unknown): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return escapeText(String(node));
  if (Array.isArray(node)) return node.map(renderMarkup).join('');
  const vnode = node as VNode<Record<string, unknown>>;
  if (typeof vnode.type === 'function') return renderMarkup((vnode.type as (props: unknown) => unknown)(vnode.props));
  const { children, ...attributes } = vnode.props;
  const attributeText = Object.entries(attributes)
    .filter(([name, value]) => name !== 'key' && value !== undefined && value !== false)
    .map(
      ([name, value]) =>
        ` ${name === 'className' ? 'class' : name}="${escapeText(String(value)).replace(/"/g, '&quot;')}"`,
    )
    .join('');
  return `<${vnode.type}${attributeText}>${renderMarkup(children)}</${vnode.type}>`;
}
