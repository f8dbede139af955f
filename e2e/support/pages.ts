import { type Permission, ROLE_PERMISSIONS, type UserRole } from '@serviq/contracts';

/**
 * The dashboard's pages as the navigation shows them. apps/web/src/app/pages.tsx cannot be imported
 * from Node (its pages are lazy imports of .tsx files), so its table is repeated here; the
 * navigation tests fail when the two disagree.
 */
export const NAV_PAGES = [
  { key: 'overview', path: '/', anyOf: ['reports:read'], title: { 'zh-CN': '总览', en: 'Overview' } },
  {
    key: 'conversations',
    path: '/conversations',
    anyOf: ['conversations:read'],
    title: { 'zh-CN': '会话', en: 'Conversations' },
  },
  { key: 'live', path: '/live', anyOf: ['alerts:read'], title: { 'zh-CN': '实时', en: 'Live' } },
  {
    key: 'agents',
    path: '/agents',
    anyOf: ['agents:read'],
    title: { 'zh-CN': '客服与团队', en: 'Agents & teams' },
  },
  { key: 'rules', path: '/rules', anyOf: ['rules:read'], title: { 'zh-CN': '规则', en: 'Rules' } },
  {
    key: 'settings',
    path: '/settings',
    anyOf: ['users:manage', 'tokens:manage', 'webhooks:manage', 'settings:manage', 'audit:read'],
    title: { 'zh-CN': '设置', en: 'Settings' },
  },
] as const satisfies readonly {
  key: string;
  path: string;
  anyOf: readonly Permission[];
  title: { 'zh-CN': string; en: string };
}[];

export type NavPage = (typeof NAV_PAGES)[number];
export type PageKey = NavPage['key'];

/** The pages a role may open, in navigation order, from the permission table the server enforces. */
export function pagesFor(role: UserRole): NavPage[] {
  const granted: readonly Permission[] = ROLE_PERMISSIONS[role];
  return NAV_PAGES.filter((p) => p.anyOf.some((permission) => granted.includes(permission)));
}

export function pageByKey(key: PageKey): NavPage {
  const page = NAV_PAGES.find((p) => p.key === key);
  if (!page) throw new Error(`no page ${key}`);
  return page;
}
