import { Typography } from 'antd';

export function SettingsPage() {
  return <Typography.Title level={3}>SettingsPage</Typography.Title>;
}
