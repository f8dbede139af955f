import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { type SlaSettings, WEEKDAYS } from '@serviq/contracts';
import { CHANNELS, type Channel, DEFAULT_SLA } from '@serviq/core';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Spin,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { fill, type Messages, useLocale, useText } from '../../i18n/locale.tsx';
import { formatDuration } from '../../lib/format.ts';
import { channelName } from '../../lib/report-metrics.ts';
import { useApi } from '../../lib/use-api.ts';
import { type NamePath, namePathOf, showApiError } from './form-error.ts';

type Weekday = (typeof WEEKDAYS)[number];
type Range = { from: string; to: string };
type TargetForm = { isOn: boolean; seconds: number | null };
type HoursForm = {
  isBusinessHours: boolean;
  timeZone: string;
  days: Record<Weekday, { isOpen: boolean; ranges: Range[] }>;
  holidays: string[];
  workdays: string[];
  targets: Record<Channel, TargetForm>;
};

const MESSAGES: Messages<
  | 'hoursTitle'
  | 'isBusinessHours'
  | 'isBusinessHoursHelp'
  | 'timeZone'
  | 'day'
  | 'open'
  | 'hours'
  | 'from'
  | 'to'
  | 'addRange'
  | 'removeRange'
  | 'closed'
  | 'holidays'
  | 'holidaysHelp'
  | 'workdays'
  | 'workdaysHelp'
  | 'targetsTitle'
  | 'channel'
  | 'sla'
  | 'seconds'
  | 'secondsOf'
  | 'off'
  | 'save'
  | 'saved'
  | 'reset'
  | 'resetConfirm'
  | 'fromFile'
  | 'fromSettings'
  | 'appliesNew'
  | 'loadFailed'
  | 'required'
  | Weekday
> = {
  'zh-CN': {
    hoursTitle: '工作时间',
    isBusinessHours: '只在工作时间内计算 SLA',
    isBusinessHoursHelp: '关闭时按自然时间（全天 24 小时）计算。',
    timeZone: '时区',
    day: '星期',
    open: '营业',
    hours: '时段',
    from: '开始',
    to: '结束',
    addRange: '添加时段',
    removeRange: '删除时段',
    closed: '休息',
    holidays: '节假日（休息）',
    holidaysHelp: '输入 YYYY-MM-DD 后回车，可输入多个。',
    workdays: '调休上班日',
    workdaysHelp: '按周一至周五第一个营业日的时段上班，YYYY-MM-DD。',
    targetsTitle: '首次响应 SLA',
    channel: '渠道',
    sla: '考核 SLA',
    seconds: '目标（秒）',
    secondsOf: '{channel} 首次响应目标（秒）',
    off: '不考核',
    save: '保存',
    saved: '已保存，新分析的会话将按此计算 SLA',
    reset: '改用配置文件',
    resetConfirm: '删除这里的设置，改用分析配置文件（--config）或内置目标？',
    fromFile:
      '这里尚未设置：当前使用分析配置文件（--config）中的 SLA，没有配置文件时使用内置目标（下面显示的是内置目标）。保存后以这里为准。',
    fromSettings: '当前使用这里的设置（覆盖分析配置文件中的 SLA）。',
    appliesNew:
      '修改只影响此后分析的会话：新导入、实时消息，以及规则发布后的重新评分。已存储的会话保留原来的 SLA 结果，不会重新分析。',
    loadFailed: '设置加载失败：{error}',
    required: '必填',
    mon: '周一',
    tue: '周二',
    wed: '周三',
    thu: '周四',
    fri: '周五',
    sat: '周六',
    sun: '周日',
  },
  en: {
    hoursTitle: 'Business hours',
    isBusinessHours: 'Count the SLA in business hours only',
    isBusinessHoursHelp: 'When off, every hour of the day counts.',
    timeZone: 'Time zone',
    day: 'Day',
    open: 'Open',
    hours: 'Hours',
    from: 'From',
    to: 'To',
    addRange: 'Add hours',
    removeRange: 'Remove these hours',
    closed: 'Closed',
    holidays: 'Holidays (closed)',
    holidaysHelp: 'Type YYYY-MM-DD and press Enter; as many as needed.',
    workdays: 'Make-up workdays',
    workdaysHelp: 'Open with the hours of the first open weekday from Monday; YYYY-MM-DD.',
    targetsTitle: 'First-response SLA',
    channel: 'Channel',
    sla: 'SLA',
    seconds: 'Target (seconds)',
    secondsOf: '{channel} first-response target (seconds)',
    off: 'No SLA',
    save: 'Save',
    saved: 'Saved: conversations analysed from now on use it',
    reset: 'Use the config file',
    resetConfirm:
      'Remove these settings and use the analysis config file (--config) or the built-in targets?',
    fromFile:
      'Not set here: the SLA of the analysis config file (--config) applies, or the built-in targets without one (shown below). Once saved, these settings apply.',
    fromSettings: 'These settings apply (in place of the analysis config file’s SLA).',
    appliesNew:
      'Changes apply to conversations analysed from now on: new imports, live messages, and re-scores after a rule change. Stored conversations keep their SLA figures; they are not analysed again.',
    loadFailed: 'Could not load the settings: {error}',
    required: 'Required',
    mon: 'Monday',
    tue: 'Tuesday',
    wed: 'Wednesday',
    thu: 'Thursday',
    fri: 'Friday',
    sat: 'Saturday',
    sun: 'Sunday',
  },
};

const TIME_ZONES = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Shanghai', 'UTC'];
  }
})();

const WORKWEEK: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

function formOf(sla: SlaSettings | null, timeZone: string): HoursForm {
  const hours = sla?.businessHours ?? null;
  const days = Object.fromEntries(
    WEEKDAYS.map((day) => {
      const ranges = hours ? (hours.weekly[day] ?? []) : WORKWEEK.includes(day) ? [['09:00', '18:00']] : [];
      return [
        day,
        {
          isOpen: ranges.length > 0,
          ranges:
            ranges.length > 0 ? ranges.map(([from, to]) => ({ from, to })) : [{ from: '09:00', to: '18:00' }],
        },
      ];
    }),
  ) as HoursForm['days'];
  const targets = Object.fromEntries(
    CHANNELS.map((channel) => {
      const own = sla?.targets[channel];
      const target =
        own !== undefined
          ? own
          : sla?.targets.default !== undefined
            ? sla.targets.default
            : DEFAULT_SLA[channel];
      return [channel, { isOn: Boolean(target), seconds: target?.firstResponseSec ?? null }];
    }),
  ) as HoursForm['targets'];
  return {
    isBusinessHours: hours !== null,
    timeZone: hours?.timeZone ?? timeZone,
    days,
    holidays: hours?.holidays ?? [],
    workdays: hours?.workdays ?? [],
    targets,
  };
}

/** The form as the settings API takes it; `responseSec` set through the API is kept. */
function slaOf(form: HoursForm, previous: SlaSettings | null): SlaSettings {
  const targets: SlaSettings['targets'] = {};
  for (const channel of CHANNELS) {
    const target = form.targets[channel];
    const responseSec = previous?.targets[channel]?.responseSec;
    targets[channel] =
      target.isOn && target.seconds !== null
        ? { firstResponseSec: target.seconds, ...(responseSec ? { responseSec } : {}) }
        : null;
  }
  if (!form.isBusinessHours) return { businessHours: null, targets };
  const weekly: Partial<Record<Weekday, [string, string][]>> = {};
  for (const day of WEEKDAYS) {
    const { isOpen, ranges } = form.days[day];
    if (isOpen) weekly[day] = ranges.map((r) => [r.from, r.to]);
  }
  return {
    businessHours: {
      timeZone: form.timeZone,
      weekly,
      ...(form.holidays.length ? { holidays: form.holidays } : {}),
      ...(form.workdays.length ? { workdays: form.workdays } : {}),
      ...(previous?.businessHours?.workdayHours ? { workdayHours: previous.businessHours.workdayHours } : {}),
    },
    targets,
  };
}

/** The form field of a server error about the SLA settings. */
function fieldOf(field: string, message: string): NamePath | undefined {
  const path = namePathOf(field.replace(/^sla\./, ''));
  if (path[0] === 'targets' && typeof path[1] === 'string') return ['targets', path[1], 'seconds'];
  if (path[0] !== 'businessHours') return undefined;
  const [, key, day, index, end] = path;
  if (key === 'timeZone' || key === 'holidays' || key === 'workdays') return [key];
  if (key === 'weekly' && typeof day === 'string' && typeof index === 'number')
    return ['days', day, 'ranges', index, end === 1 ? 'to' : 'from'];
  // The business clock's own checks name the day in the message: `weekly.mon[0]: … does not end after it starts`.
  const named = /weekly\.(\w+)\[(\d+)\]/.exec(message);
  if (named) return ['days', named[1] as string, 'ranges', Number(named[2]), 'to'];
  if (/holiday|workday/.test(message)) return ['holidays'];
  return undefined;
}

export function BusinessHoursTab() {
  const t = useText(MESSAGES);
  const { locale, timeZone } = useLocale();
  const { message } = App.useApp();
  const settings = useApi((signal) => api<{ sla: SlaSettings | null }>('GET', '/settings', { signal }), []);
  const [form] = Form.useForm<HoursForm>();
  const [isSaving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | undefined>();
  const isBusinessHours = Form.useWatch('isBusinessHours', form) ?? false;
  const days = Form.useWatch('days', form);
  const targets = Form.useWatch('targets', form);
  const sla = settings.data?.sla ?? null;

  useEffect(() => {
    if (settings.data) form.setFieldsValue(formOf(settings.data.sla, timeZone));
  }, [settings.data, form, timeZone]);

  const save = async (body: { sla: SlaSettings | null }) => {
    setSaving(true);
    setFormError(undefined);
    try {
      await api('PATCH', '/settings', { body });
      void message.success(t.saved);
      settings.reload();
    } catch (error) {
      setFormError(
        showApiError(form, error, (field) => fieldOf(field, error instanceof Error ? error.message : '')),
      );
    } finally {
      setSaving(false);
    }
  };

  if (!settings.data)
    return settings.error ? (
      <Alert type="error" showIcon title={fill(t.loadFailed, { error: settings.error.message })} />
    ) : (
      <Spin />
    );

  const dayRows = WEEKDAYS.map((day) => ({ day }));
  const channelRows = CHANNELS.map((channel) => ({ channel }));

  return (
    <Form
      form={form}
      layout="vertical"
      // Every value, those of hidden fields too (a closed day keeps its hours for when it opens again).
      onFinish={() => void save({ sla: slaOf(form.getFieldsValue(true) as HoursForm, sla) })}
      data-testid="business-hours"
      requiredMark={false}
    >
      <Space orientation="vertical" size={16} style={{ display: 'flex' }}>
        <Alert type={sla ? 'success' : 'info'} showIcon title={sla ? t.fromSettings : t.fromFile} />
        <Alert type="warning" showIcon title={t.appliesNew} />
        {formError ? <Alert type="error" showIcon title={formError} /> : null}
        <Card size="small" title={<h3 style={{ fontSize: 15, margin: 0 }}>{t.hoursTitle}</h3>}>
          <Form.Item
            name="isBusinessHours"
            label={t.isBusinessHours}
            extra={t.isBusinessHoursHelp}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
          {isBusinessHours ? (
            <>
              <Form.Item name="timeZone" label={t.timeZone} rules={[{ required: true, message: t.required }]}>
                <Select
                  showSearch
                  style={{ maxWidth: 320 }}
                  options={TIME_ZONES.map((z) => ({ value: z, label: z }))}
                />
              </Form.Item>
              <Table
                size="small"
                rowKey="day"
                pagination={false}
                dataSource={dayRows}
                style={{ marginBottom: 16 }}
                columns={[
                  { title: t.day, dataIndex: 'day', width: 110, render: (day: Weekday) => t[day] },
                  {
                    title: t.open,
                    dataIndex: 'day',
                    key: 'open',
                    width: 80,
                    render: (day: Weekday) => (
                      <Form.Item name={['days', day, 'isOpen']} valuePropName="checked" noStyle>
                        <Checkbox aria-label={`${t[day]} ${t.open}`} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t.hours,
                    dataIndex: 'day',
                    key: 'hours',
                    render: (day: Weekday) =>
                      days?.[day]?.isOpen ? (
                        <Form.List name={['days', day, 'ranges']}>
                          {(fields, { add, remove }) => (
                            <Space orientation="vertical" size={4}>
                              {fields.map((field, i) => (
                                <Space key={field.key} align="start" size={4}>
                                  <Form.Item
                                    name={[field.name, 'from']}
                                    style={{ marginBottom: 0 }}
                                    rules={[{ required: true, message: t.required }]}
                                  >
                                    <Input
                                      type="time"
                                      style={{ width: 130 }}
                                      aria-label={`${t[day]} ${i + 1} ${t.from}`}
                                    />
                                  </Form.Item>
                                  <span style={{ lineHeight: '32px' }}>–</span>
                                  <Form.Item
                                    name={[field.name, 'to']}
                                    style={{ marginBottom: 0 }}
                                    rules={[{ required: true, message: t.required }]}
                                  >
                                    <Input
                                      type="time"
                                      style={{ width: 130 }}
                                      aria-label={`${t[day]} ${i + 1} ${t.to}`}
                                    />
                                  </Form.Item>
                                  {fields.length > 1 ? (
                                    <Button
                                      type="text"
                                      icon={<MinusCircleOutlined />}
                                      aria-label={`${t.removeRange}: ${t[day]} ${i + 1}`}
                                      onClick={() => remove(field.name)}
                                    />
                                  ) : null}
                                </Space>
                              ))}
                              <Button
                                size="small"
                                type="dashed"
                                icon={<PlusOutlined />}
                                onClick={() => add({ from: '13:00', to: '18:00' })}
                                aria-label={`${t.addRange}: ${t[day]}`}
                              >
                                {t.addRange}
                              </Button>
                            </Space>
                          )}
                        </Form.List>
                      ) : (
                        <Typography.Text type="secondary">{t.closed}</Typography.Text>
                      ),
                  },
                ]}
              />
              <Space wrap size={24} align="start">
                <Form.Item
                  name="holidays"
                  label={t.holidays}
                  extra={t.holidaysHelp}
                  style={{ minWidth: 320 }}
                >
                  <Select mode="tags" open={false} suffixIcon={null} aria-label={t.holidays} />
                </Form.Item>
                <Form.Item
                  name="workdays"
                  label={t.workdays}
                  extra={t.workdaysHelp}
                  style={{ minWidth: 320 }}
                >
                  <Select mode="tags" open={false} suffixIcon={null} aria-label={t.workdays} />
                </Form.Item>
              </Space>
            </>
          ) : null}
        </Card>
        <Card size="small" title={<h3 style={{ fontSize: 15, margin: 0 }}>{t.targetsTitle}</h3>}>
          <Table
            size="small"
            rowKey="channel"
            pagination={false}
            dataSource={channelRows}
            columns={[
              {
                title: t.channel,
                dataIndex: 'channel',
                width: 140,
                render: (c: Channel) => channelName(c, locale),
              },
              {
                title: t.sla,
                dataIndex: 'channel',
                key: 'on',
                width: 90,
                render: (c: Channel) => (
                  <Form.Item name={['targets', c, 'isOn']} valuePropName="checked" noStyle>
                    <Switch size="small" aria-label={`${channelName(c, locale)} ${t.sla}`} />
                  </Form.Item>
                ),
              },
              {
                title: t.seconds,
                dataIndex: 'channel',
                key: 'seconds',
                render: (c: Channel) =>
                  targets?.[c]?.isOn ? (
                    <Space align="start">
                      <Form.Item
                        name={['targets', c, 'seconds']}
                        style={{ marginBottom: 0 }}
                        rules={[{ required: true, message: t.required }]}
                      >
                        <InputNumber
                          min={1}
                          precision={0}
                          style={{ width: 140 }}
                          aria-label={fill(t.secondsOf, { channel: channelName(c, locale) })}
                        />
                      </Form.Item>
                      <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
                        {formatDuration(targets[c]?.seconds ?? null, locale)}
                      </Typography.Text>
                    </Space>
                  ) : (
                    <Typography.Text type="secondary">{t.off}</Typography.Text>
                  ),
              },
            ]}
          />
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" loading={isSaving} data-testid="save-business-hours">
            {t.save}
          </Button>
          {sla ? (
            <Popconfirm title={t.resetConfirm} onConfirm={() => save({ sla: null })}>
              <Button>{t.reset}</Button>
            </Popconfirm>
          ) : null}
        </Space>
      </Space>
    </Form>
  );
}
