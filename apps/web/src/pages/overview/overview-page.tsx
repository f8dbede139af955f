import { Typography } from 'antd';

export function OverviewPage() {
  return <Typography.Title level={3}>OverviewPage</Typography.Title>;
}
