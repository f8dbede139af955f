import type { Permission } from '@serviq/contracts';
import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

/** A page of the navigation: who may see it, and its code, loaded only when opened. */
export type PageEntry = {
  key: string;
  path: string;
  /** Shown in the navigation when the role holds any of these. */
  anyOf: readonly Permission[];
  title: { 'zh-CN': string; en: string };
  component: LazyExoticComponent<ComponentType>;
  /** Sub-routes under the page's path (a conversation's detail). */
  children?: { path: string; component: LazyExoticComponent<ComponentType> }[];
};

const page = <M,>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  lazy(() => load().then((m) => ({ default: pick(m) })));

export const PAGES: readonly PageEntry[] = [
  {
    key: 'overview',
    path: '/',
    anyOf: ['reports:read'],
    title: { 'zh-CN': '总览', en: 'Overview' },
    component: page(
      () => import('../pages/overview/overview-page.tsx'),
      (m) => m.OverviewPage,
    ),
  },
  {
    key: 'conversations',
    path: '/conversations',
    anyOf: ['conversations:read'],
    title: { 'zh-CN': '会话', en: 'Conversations' },
    component: page(
      () => import('../pages/conversations/conversations-page.tsx'),
      (m) => m.ConversationsPage,
    ),
    children: [
      {
        path: ':id',
        component: page(
          () => import('../pages/conversations/conversation-detail-page.tsx'),
          (m) => m.ConversationDetailPage,
        ),
      },
    ],
  },
  {
    key: 'live',
    path: '/live',
    anyOf: ['alerts:read'],
    title: { 'zh-CN': '实时', en: 'Live' },
    component: page(
      () => import('../pages/live/live-page.tsx'),
      (m) => m.LivePage,
    ),
  },
  {
    key: 'agents',
    path: '/agents',
    anyOf: ['agents:read'],
    title: { 'zh-CN': '客服与团队', en: 'Agents & teams' },
    component: page(
      () => import('../pages/agents/agents-page.tsx'),
      (m) => m.AgentsPage,
    ),
  },
  {
    key: 'rules',
    path: '/rules',
    anyOf: ['rules:read'],
    title: { 'zh-CN': '规则', en: 'Rules' },
    component: page(
      () => import('../pages/rules/rules-page.tsx'),
      (m) => m.RulesPage,
    ),
  },
  {
    key: 'settings',
    path: '/settings',
    anyOf: ['users:manage', 'tokens:manage', 'webhooks:manage', 'settings:manage', 'audit:read'],
    title: { 'zh-CN': '设置', en: 'Settings' },
    component: page(
      () => import('../pages/settings/settings-page.tsx'),
      (m) => m.SettingsPage,
    ),
  },
];
