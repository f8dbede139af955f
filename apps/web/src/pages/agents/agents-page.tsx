import { Typography } from 'antd';

export function AgentsPage() {
  return <Typography.Title level={3}>AgentsPage</Typography.Title>;
}
