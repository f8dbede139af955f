import { Typography } from 'antd';

export function LivePage() {
  return <Typography.Title level={3}>LivePage</Typography.Title>;
}
