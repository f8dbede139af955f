import { BarChartOutlined, TableOutlined } from '@ant-design/icons';
import { Card, Segmented, Skeleton, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { type Messages, useText } from '../i18n/locale.tsx';

const MESSAGES: Messages<'show' | 'chart' | 'table'> = {
  'zh-CN': { show: '显示方式', chart: '图表', table: '表格' },
  en: { show: 'Show as', chart: 'Chart', table: 'Table' },
};

/** A card that shows a chart, or the same figures as a table of links (the keyboard's way in). */
export function ChartOrTable<T extends object>({
  title,
  extra,
  toolbar,
  chart,
  table,
}: {
  title: string;
  extra?: ReactNode;
  /** Controls above the chart or table. */
  toolbar?: ReactNode;
  /** Undefined until its data has arrived: a chart is drawn once, with everything it shows. */
  chart: ReactNode | undefined;
  table: { rowKey: (row: T) => string; dataSource: readonly T[]; columns: ColumnsType<T> };
}) {
  const t = useText(MESSAGES);
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <Card
      size="small"
      title={title}
      extra={
        <Space size={8}>
          {extra}
          <Segmented<'chart' | 'table'>
            size="small"
            aria-label={`${title}: ${t.show}`}
            value={view}
            onChange={setView}
            options={[
              { value: 'chart', icon: <BarChartOutlined />, label: t.chart },
              { value: 'table', icon: <TableOutlined />, label: t.table },
            ]}
          />
        </Space>
      }
      style={{ height: '100%' }}
    >
      {toolbar ? <div style={{ marginBottom: 8 }}>{toolbar}</div> : null}
      {chart === undefined ? (
        <Skeleton active title={false} paragraph={{ rows: 5 }} />
      ) : view === 'chart' ? (
        chart
      ) : (
        <Table<T>
          size="small"
          pagination={false}
          rowKey={table.rowKey}
          dataSource={table.dataSource as T[]}
          columns={table.columns}
          scroll={{ y: 420 }}
        />
      )}
    </Card>
  );
}
