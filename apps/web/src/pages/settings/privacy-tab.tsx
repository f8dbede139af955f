import type { PrivacySettings } from '@serviq/contracts';
import { PII_KINDS, type PiiKind } from '@serviq/core';
import { Alert, App, Button, Card, Checkbox, Form, InputNumber, Radio, Space, Spin, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { fill, type Messages, useText } from '../../i18n/locale.tsx';
import { useApi } from '../../lib/use-api.ts';
import { showApiError, topLevelField } from './form-error.ts';

type Settings = { privacy: PrivacySettings; retention: { days: number | null } };
type RetentionForm = { isKeepingForever: boolean; days: number | null };

const MESSAGES: Messages<
  | 'privacyTitle'
  | 'isRedacting'
  | 'isRedactingHelp'
  | 'kinds'
  | 'kindsHelp'
  | 'retentionTitle'
  | 'keepForever'
  | 'deleteAfter'
  | 'days'
  | 'retentionHelp'
  | 'save'
  | 'saved'
  | 'loadFailed'
  | 'required'
  | PiiKind
> = {
  'zh-CN': {
    privacyTitle: '个人信息脱敏',
    isRedacting: '入库前脱敏',
    isRedactingHelp:
      '开启后，消息和评价中的个人信息在存储前被遮盖（如 138****5678）。分析仍基于原文进行。只影响此后存储的内容。',
    kinds: '脱敏的类型',
    kindsHelp: '至少选择一种。',
    retentionTitle: '数据保留期',
    keepForever: '永久保留',
    deleteAfter: '结束超过指定天数的会话自动删除',
    days: '保留天数',
    retentionHelp:
      '每天 03:17（UTC）删除结束超过此天数的会话及其消息、分析、规则命中、复核和预警，并重建相关报表。',
    save: '保存',
    saved: '已保存',
    loadFailed: '设置加载失败：{error}',
    required: '必填',
    mobile_cn: '手机号',
    id_cn: '身份证号',
    bank_card: '银行卡号',
    email: '邮箱',
    phone: '固定电话',
  },
  en: {
    privacyTitle: 'PII redaction',
    isRedacting: 'Redact before storing',
    isRedactingHelp:
      'Personal data in messages and rating comments is masked before it is stored (138****5678). The analysis still reads the original text. Applies to what is stored from now on.',
    kinds: 'Kinds to redact',
    kindsHelp: 'At least one.',
    retentionTitle: 'Retention',
    keepForever: 'Keep forever',
    deleteAfter: 'Delete conversations that ended more than a number of days ago',
    days: 'Days to keep',
    retentionHelp:
      'Daily at 03:17 UTC, conversations that ended more than this many days ago are deleted with their messages, analyses, rule hits, reviews and alerts, and the reports are rebuilt.',
    save: 'Save',
    saved: 'Saved',
    loadFailed: 'Could not load the settings: {error}',
    required: 'Required',
    mobile_cn: 'Mobile numbers (China)',
    id_cn: 'ID card numbers (China)',
    bank_card: 'Bank card numbers',
    email: 'Email addresses',
    phone: 'Landline numbers',
  },
};

export function PrivacyTab() {
  const t = useText(MESSAGES);
  const { message } = App.useApp();
  const settings = useApi((signal) => api<Settings>('GET', '/settings', { signal }), []);
  const [privacyForm] = Form.useForm<PrivacySettings>();
  const [retentionForm] = Form.useForm<RetentionForm>();
  const [saving, setSaving] = useState<'privacy' | 'retention' | undefined>();
  const [errors, setErrors] = useState<{ privacy?: string; retention?: string }>({});
  const isKeepingForever = Form.useWatch('isKeepingForever', retentionForm) ?? true;

  useEffect(() => {
    if (!settings.data) return;
    privacyForm.setFieldsValue(settings.data.privacy);
    retentionForm.setFieldsValue({
      isKeepingForever: settings.data.retention.days === null,
      days: settings.data.retention.days ?? 365,
    });
  }, [settings.data, privacyForm, retentionForm]);

  const save = async (key: 'privacy' | 'retention', body: unknown) => {
    setSaving(key);
    setErrors((e) => ({ ...e, [key]: undefined }));
    try {
      await api('PATCH', '/settings', { body: { [key]: body } });
      void message.success(t.saved);
      settings.reload();
    } catch (error) {
      // `privacy.piiKinds` or `retention.days`: the part after the section is the form's field.
      const form = key === 'privacy' ? privacyForm : retentionForm;
      const fields = key === 'privacy' ? ['isRedacting', 'piiKinds'] : ['days'];
      const left = showApiError(form, error, (field) =>
        topLevelField(fields)(field.replace(new RegExp(`^${key}\\.`), '')),
      );
      setErrors((e) => ({ ...e, [key]: left }));
    } finally {
      setSaving(undefined);
    }
  };

  if (!settings.data)
    return settings.error ? (
      <Alert type="error" showIcon title={fill(t.loadFailed, { error: settings.error.message })} />
    ) : (
      <Spin />
    );

  return (
    <Space orientation="vertical" size={16} style={{ display: 'flex' }}>
      <Card
        size="small"
        title={<h3 style={{ fontSize: 15, margin: 0 }}>{t.privacyTitle}</h3>}
        data-testid="privacy"
      >
        {errors.privacy ? (
          <Alert type="error" showIcon title={errors.privacy} style={{ marginBottom: 12 }} />
        ) : null}
        <Form
          form={privacyForm}
          layout="vertical"
          onFinish={(values) => void save('privacy', values)}
          requiredMark={false}
        >
          <Form.Item
            name="isRedacting"
            label={t.isRedacting}
            extra={t.isRedactingHelp}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
          <Form.Item name="piiKinds" label={t.kinds} extra={t.kindsHelp}>
            <Checkbox.Group options={PII_KINDS.map((kind) => ({ value: kind, label: t[kind] }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving === 'privacy'} data-testid="save-privacy">
            {t.save}
          </Button>
        </Form>
      </Card>
      <Card
        size="small"
        title={<h3 style={{ fontSize: 15, margin: 0 }}>{t.retentionTitle}</h3>}
        data-testid="retention"
      >
        {errors.retention ? (
          <Alert type="error" showIcon title={errors.retention} style={{ marginBottom: 12 }} />
        ) : null}
        <Form
          form={retentionForm}
          layout="vertical"
          onFinish={(values) =>
            void save('retention', { days: values.isKeepingForever ? null : values.days })
          }
          requiredMark={false}
        >
          <Form.Item name="isKeepingForever">
            <Radio.Group
              options={[
                { value: true, label: t.keepForever },
                { value: false, label: t.deleteAfter },
              ]}
            />
          </Form.Item>
          {isKeepingForever ? null : (
            <Form.Item
              name="days"
              label={t.days}
              extra={t.retentionHelp}
              rules={[{ required: true, message: t.required }]}
            >
              <InputNumber precision={0} style={{ width: 160 }} />
            </Form.Item>
          )}
          <Button
            type="primary"
            htmlType="submit"
            loading={saving === 'retention'}
            data-testid="save-retention"
          >
            {t.save}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
