import { Card, Statistic } from "antd";

/** One figure of a dashboard's top row; red when bad, amber as a warning. */
export function StatCard({ title, value, tone }: { title: string; value: string; tone?: "bad" | "warn" | undefined }) {
  const color = tone === "bad" ? "#c62828" : tone === "warn" ? "#b26a00" : undefined;
  return (
    <Card size="small">
      <Statistic title={title} value={value} styles={color ? { content: { color } } : undefined} />
    </Card>
  );
}
