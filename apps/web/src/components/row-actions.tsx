import type { ReactNode } from "react";
import { Button, Dropdown, Space } from "antd";
import type { MenuProps } from "antd";
import { EllipsisOutlined } from "@ant-design/icons";

export type RowAction = {
  key: string;
  /** The link's text, and the menu item's. */
  label: string;
  /** The link's accessible name, which says the row ("Sửa tài khoản kinhte"). */
  name: string;
  /** Shown in the phone's menu only. */
  icon?: ReactNode;
  danger?: boolean;
  onClick: () => void;
};

/**
 * A row's actions: small links on a wide screen; on a phone one "…" button (named by `menuName`)
 * that opens them as a menu, in `menuOrder` when that differs from the links' order.
 */
export function RowActions({
  actions,
  isPhone,
  menuName,
  menuOrder,
}: {
  actions: readonly RowAction[];
  isPhone: boolean;
  menuName: string;
  menuOrder?: readonly string[];
}) {
  if (isPhone) {
    const ordered = menuOrder ? menuOrder.flatMap((key) => actions.filter((action) => action.key === key)) : actions;
    const items: MenuProps["items"] = ordered.map((action) => ({
      key: action.key,
      label: action.label,
      ...(action.icon ? { icon: action.icon } : {}),
      ...(action.danger !== undefined ? { danger: action.danger } : {}),
      onClick: action.onClick,
    }));
    return (
      <Dropdown menu={{ items }} trigger={["click"]} placement="bottomRight">
        <Button icon={<EllipsisOutlined />} aria-label={menuName} />
      </Dropdown>
    );
  }

  return (
    <Space size={[0, 0]} wrap>
      {actions.map((action) => (
        <Button
          key={action.key}
          type="link"
          size="small"
          danger={action.danger}
          aria-label={action.name}
          onClick={action.onClick}
        >
          {action.label}
        </Button>
      ))}
    </Space>
  );
}
