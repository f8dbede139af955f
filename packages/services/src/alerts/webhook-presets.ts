import { createHmac } from 'node:crypto';
import type { WebhookPreset } from '@serviq/contracts';
import type { Evidence } from '@serviq/core';

/** What an outgoing webhook says about an alert (the `alert` of the generic preset). */
export type AlertPayload = {
  id: number;
  rule: string;
  name: string;
  severity: string;
  /** The conversation's uuid in Serviq. */
  conversationId: string;
  /** The helpdesk's own id of the conversation, and which helpdesk. */
  externalId?: string;
  source?: string;
  agentId: string | null;
  agentName?: string;
  teamId: string | null;
  evidence: Evidence[];
  createdAt: string;
  /** The conversation in the dashboard. */
  url?: string;
};

/** A ready-to-send request: the URL may carry a signature (DingTalk), the body is the exact signed bytes. */
export type WebhookRequest = { url: string; headers: Record<string, string>; body: string };

// Robots cap a message (WeCom: 4096 bytes of markdown), so a few short quotes say enough.
const MAX_QUOTES = 3;
const MAX_QUOTE_CHARS = 200;

const SEVERITY_ICON: Record<string, string> = { critical: '🔴', major: '🟠', minor: '🟡' };

function quotes(alert: AlertPayload): string[] {
  return alert.evidence.slice(0, MAX_QUOTES).map((e) => {
    const flat = e.text.replace(/\s+/g, ' ').trim();
    return flat.length > MAX_QUOTE_CHARS ? `${flat.slice(0, MAX_QUOTE_CHARS - 1)}…` : flat;
  });
}

const agentLabel = (alert: AlertPayload): string =>
  alert.agentId === null
    ? 'unassigned'
    : alert.agentName
      ? `${alert.agentName} (${alert.agentId})`
      : alert.agentId;

const conversationLabel = (alert: AlertPayload): string =>
  alert.externalId ? `${alert.source ?? ''} ${alert.externalId}`.trim() : alert.conversationId;

// Robots with a keyword filter (DingTalk's "custom keywords") pass messages that contain "Serviq".
const titleOf = (alert: AlertPayload): string => `Serviq alert: ${alert.name}`;

/** Markdown shared by DingTalk and WeCom; WeCom colours the severity with its `<font>` tag. */
function robotMarkdown(alert: AlertPayload, severity: string): string {
  const lines = [
    `### ${SEVERITY_ICON[alert.severity] ?? '⚠️'} ${titleOf(alert)}`,
    `**Rule:** ${alert.name} (${alert.rule})`,
    `**Severity:** ${severity}`,
    `**Agent:** ${agentLabel(alert)}${alert.teamId ? ` · **Team:** ${alert.teamId}` : ''}`,
    `**Conversation:** ${conversationLabel(alert)}`,
    ...quotes(alert).map((q) => `> ${q}`),
  ];
  if (alert.url) lines.push(`[Open in Serviq](${alert.url})`);
  return lines.join('\n\n');
}

// Slack's mrkdwn treats these three as control characters.
const slackEscape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function slackPayload(alert: AlertPayload) {
  const icon = SEVERITY_ICON[alert.severity] ?? '⚠️';
  const text = `${icon} ${titleOf(alert)} (${alert.severity}) · agent ${agentLabel(alert)}`;
  const blocks: unknown[] = [
    // Header text is plain and limited to 150 characters.
    { type: 'header', text: { type: 'plain_text', text: `${icon} ${titleOf(alert)}`.slice(0, 150) } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Rule*\n${slackEscape(`${alert.name} (${alert.rule})`)}` },
        { type: 'mrkdwn', text: `*Severity*\n${slackEscape(alert.severity)}` },
        { type: 'mrkdwn', text: `*Agent*\n${slackEscape(agentLabel(alert))}` },
        { type: 'mrkdwn', text: `*Conversation*\n${slackEscape(conversationLabel(alert))}` },
      ],
    },
  ];
  const quoted = quotes(alert);
  if (quoted.length > 0) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: quoted.map((q) => `> ${slackEscape(q)}`).join('\n') },
    });
  }
  if (alert.url) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Serviq' }, url: alert.url }],
    });
  }
  return { text, blocks };
}

/** The JSON body each preset posts: generic JSON, or the message format of the chat robot. */
export function webhookPayload(preset: WebhookPreset, alert: AlertPayload): unknown {
  switch (preset) {
    case 'generic':
      return { type: 'serviq.alert', alert };
    case 'dingtalk':
      return {
        msgtype: 'markdown',
        markdown: { title: titleOf(alert), text: robotMarkdown(alert, alert.severity) },
      };
    case 'wecom': {
      const colour = alert.severity === 'minor' ? 'comment' : 'warning';
      return {
        msgtype: 'markdown',
        markdown: { content: robotMarkdown(alert, `<font color="${colour}">${alert.severity}</font>`) },
      };
    }
    case 'slack':
      return slackPayload(alert);
  }
}

/** `sha256=<hex HMAC-SHA256 of the body>`, the `X-Serviq-Signature` of the generic preset. */
export const serviqSignature = (body: string, secret: string): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * DingTalk robot signing ("加签"): HMAC-SHA256 of `${timestamp}\n${secret}` keyed by the secret,
 * base64, URL-encoded, appended as `timestamp` and `sign`; DingTalk refuses timestamps over an hour old.
 */
export function signDingTalkUrl(url: string, secret: string, timestampMs: number): string {
  const sign = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
  const signed = new URL(url);
  signed.searchParams.set('timestamp', String(timestampMs));
  signed.searchParams.set('sign', sign);
  return signed.toString();
}

/**
 * The request for one webhook. The secret signs the generic body (`X-Serviq-Signature`) and the
 * DingTalk URL; WeCom and Slack robots have no signing, their URL is the credential.
 * `X-Serviq-Delivery` stays the same across retries so receivers can drop duplicates.
 */
export function buildWebhookRequest(
  webhook: { id: number; url: string; preset: WebhookPreset; secret: string | null },
  alert: AlertPayload,
  nowMs: number,
): WebhookRequest {
  const body = JSON.stringify(webhookPayload(webhook.preset, alert));
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Serviq-Webhook/1',
    'x-serviq-delivery': `${alert.id}:${webhook.id}`,
  };
  let url = webhook.url;
  if (webhook.secret && webhook.preset === 'generic')
    headers['x-serviq-signature'] = serviqSignature(body, webhook.secret);
  if (webhook.secret && webhook.preset === 'dingtalk') url = signDingTalkUrl(url, webhook.secret, nowMs);
  return { url, headers, body };
}
