import { Typography } from 'antd';

export function RulesPage() {
  return <Typography.Title level={3}>RulesPage</Typography.Title>;
}
