import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate } from '../lib/url-state';

type Props = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

/** A real link (open in a new tab, copy its address) that changes the view in place on a plain click. */
export function Link({ href, onClick, ...rest }: Props) {
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={click} {...rest} />;
}
