import type { MouseEvent } from "react";
import { Button, type ButtonProps } from "antd";
import { useHref, useNavigate } from "react-router";

/**
 * A link that looks like a button ("Mở báo cáo của đơn vị"): a real `<a href>` (opens in a new
 * tab with a middle click, reads as a link), navigating inside the app on a plain click.
 */
export function ButtonLink({ to, ...props }: Omit<ButtonProps, "href" | "onClick"> & { to: string }) {
  const href = useHref(to);
  const navigate = useNavigate();
  function follow(event: MouseEvent<HTMLElement>) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void navigate(to);
  }
  return <Button {...props} href={href} onClick={follow} />;
}
