import type { Key, ReactNode } from "react";

/**
 * A plain list of items with optional actions on the right (wrapping below on phones).
 * antd 6.6 deprecates `List`; this keeps markup semantic (ul/li) and light.
 */
export function ItemList<T>({
  items,
  itemKey,
  render,
  actions,
  empty,
  label,
  className,
  itemClassName,
}: {
  items: T[];
  itemKey: (item: T) => Key;
  render: (item: T) => ReactNode;
  actions?: (item: T) => ReactNode;
  empty?: ReactNode;
  label?: string;
  className?: string;
  itemClassName?: (item: T) => string | undefined;
}) {
  if (items.length === 0) return <>{empty ?? null}</>;
  return (
    <ul className={`staff-list${className ? ` ${className}` : ""}`} aria-label={label}>
      {items.map((item) => {
        const extra = actions?.(item);
        const itemClass = itemClassName?.(item);
        return (
          <li key={itemKey(item)} className={`staff-list-item${itemClass ? ` ${itemClass}` : ""}`}>
            <div className="staff-list-body">{render(item)}</div>
            {extra ? <div className="staff-list-actions">{extra}</div> : null}
          </li>
        );
      })}
    </ul>
  );
}
