import { Typography } from 'antd';

export function ConversationDetailPage() {
  return <Typography.Title level={3}>ConversationDetailPage</Typography.Title>;
}
