import { Typography } from 'antd';

export function ConversationsPage() {
  return <Typography.Title level={3}>ConversationsPage</Typography.Title>;
}
